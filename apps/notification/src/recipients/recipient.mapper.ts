import type { SecretBox } from '../common/secret-box.js';
import { RecipientResponse } from './dto/recipient.response.js';
import type { Recipient } from './recipient.entity.js';

/** Entity → API response. The secret is reduced to `hasSecret`. */
export function toRecipientResponse(r: Recipient, box: SecretBox): RecipientResponse {
  const res = new RecipientResponse();
  res.id = r.id;
  res.org = r.org;
  res.channel = r.channel;
  res.address = box.decrypt(r.addressSealed);
  res.language = r.language;
  res.hasSecret = r.secretSealed !== null;
  res.active = r.active;
  res.createdAt = r.createdAt.toISOString();
  return res;
}
