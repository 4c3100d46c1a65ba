// The one react-dom entry the console uses (@types/react-dom is not a dependency).
declare module 'react-dom/client' {
  import type { ReactNode } from 'react';
  export function createRoot(container: Element): { render(children: ReactNode): void; unmount(): void };
}
