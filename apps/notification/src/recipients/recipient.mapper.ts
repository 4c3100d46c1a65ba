import type { SecretBox } from '../common/secret-box.js';
import { RecipientCircuitResponse, RecipientResponse } from './dto/recipient.response.js';
import { circuitState, type RecipientCircuit } from './recipient-circuit.entity.js';
import type { Recipient } from './recipient.entity.js';

/** Entity → API response. The secret is reduced to `hasSecret`. */
export function toRecipientResponse(
  r: Recipient,
  box: SecretBox,
  circuit: RecipientCircuit | undefined,
  threshold: number,
): RecipientResponse {
  const res = new RecipientResponse();
  res.id = r.id;
  res.org = r.org;
  res.channel = r.channel;
  res.address = box.decrypt(r.addressSealed, r.id, 'address');
  res.language = r.language;
  res.hasSecret = r.secretSealed !== null;
  res.active = r.active;
  res.deactivatedAt = r.deactivatedAt?.toISOString() ?? null;
  res.circuit = new RecipientCircuitResponse();
  res.circuit.state = circuitState(circuit, threshold);
  res.circuit.consecutiveFailures = circuit?.consecutiveFailures ?? 0;
  res.circuit.openUntil = res.circuit.state === 'closed' ? null : (circuit?.openUntil?.toISOString() ?? null);
  res.createdAt = r.createdAt.toISOString();
  return res;
}
