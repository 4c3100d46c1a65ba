// Loaded before every test file.
import 'reflect-metadata';
