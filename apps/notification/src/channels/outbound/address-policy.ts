import {
  lookup as dnsLookup,
  type LookupAddress,
  type LookupAllOptions,
  type LookupOneOptions,
} from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why an outbound address is refused; never names the address itself (it ends up in logs). */
export type AddressRefusal = 'scheme-not-allowed' | 'address-not-allowed' | 'invalid-url';

/** Error raised at connect time for a refused address; its `code` is what the delivery log shows. */
export class AddressNotAllowedError extends Error {
  readonly code = 'ERR_ADDRESS_NOT_ALLOWED';
  constructor() {
    super('address not allowed');
  }
}

/** How names are resolved (injectable, so tests can play a DNS rebinding). */
export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/** Settings of the policy: production or not, and the hosts an operator allows anyway. */
export interface AddressPolicyOptions {
  production: boolean;
  /** Host names (or literal IPs) allowed even if they resolve to internal ranges (`NOTIFY_ALLOW_HOSTS`). */
  allowHosts: readonly string[];
  resolver?: Resolver;
}

/**
 * Where the notification service may send HTTP requests (webhooks, the SMS gateway). A recipient's
 * address is typed by an administrator, so it must never become a way into the internal network or
 * a cloud metadata service: only public unicast addresses are reachable; loopback, private, link-local
 * (169.254.169.254), unique-local (fd00:ec2::254), CGNAT, multicast, unspecified, reserved and
 * translated (NAT64, 6to4, Teredo) ranges are refused. Outside production, loopback stays allowed so
 * local receivers work. In production only `https` is allowed.
 *
 * The same rules run twice: when the address is registered, and at every connection after the name
 * was resolved (the agent's `lookup`), so a name that resolves to a public address at registration
 * and to an internal one later (DNS rebinding) is still refused.
 */
export class AddressPolicy {
  readonly production: boolean;
  private readonly allowHosts: Set<string>;
  private readonly resolver: Resolver;

  constructor(opts: AddressPolicyOptions) {
    this.production = opts.production;
    this.allowHosts = new Set(opts.allowHosts.map((h) => normaliseHost(h)).filter(Boolean));
    this.resolver = opts.resolver ?? systemResolver;
  }

  /** Whether the operator allows this host whatever it resolves to. */
  isAllowedHost(hostname: string): boolean {
    return this.allowHosts.has(normaliseHost(hostname));
  }

  /** Whether one resolved (or literal) IP address may be connected to. */
  allowsIp(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    const range = ipaddr.process(address).range();
    if (range === 'unicast') return true;
    return range === 'loopback' && !this.production;
  }

  /** Checks an address without resolving it: scheme, and the host when it is a literal IP or `localhost`. */
  checkUrl(address: string): AddressRefusal | undefined {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return 'invalid-url';
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !this.production))
      return 'scheme-not-allowed';
    if (url.username || url.password) return 'invalid-url';
    const host = normaliseHost(url.hostname);
    if (this.isAllowedHost(host)) return undefined;
    if (isIP(host)) return this.allowsIp(host) ? undefined : 'address-not-allowed';
    if (host === 'localhost' || host.endsWith('.localhost'))
      return this.production ? 'address-not-allowed' : undefined;
    return undefined;
  }

  /**
   * {@link checkUrl}, then the host's addresses as they resolve now: any one of them internal refuses
   * the address. A name that does not resolve (yet) is accepted: the connect-time check still applies.
   */
  async checkRegistration(address: string, timeoutMs = 2000): Promise<AddressRefusal | undefined> {
    const refusal = this.checkUrl(address);
    if (refusal) return refusal;
    const host = normaliseHost(new URL(address).hostname);
    if (isIP(host) || this.isAllowedHost(host)) return undefined;
    const addresses = await Promise.race([
      this.resolver(host).catch(() => undefined),
      new Promise<undefined>((r) => setTimeout(() => r(undefined), timeoutMs).unref()),
    ]);
    if (!addresses || addresses.length === 0) return undefined;
    return addresses.every((a) => this.allowsIp(a.address)) ? undefined : 'address-not-allowed';
  }

  /**
   * A `lookup` for `net`/`http` agents: resolves, then refuses the connection (error
   * `ERR_ADDRESS_NOT_ALLOWED`) if any address is internal, unless the host is allowed by the operator.
   */
  readonly lookup = (
    hostname: string,
    options: LookupOneOptions | LookupAllOptions | number | undefined,
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ): void => {
    const all = typeof options === 'object' && options !== null && options.all === true;
    const family =
      typeof options === 'number' ? options : typeof options === 'object' ? options?.family : undefined;
    this.resolver(hostname).then(
      (found) => {
        const wanted = found.filter((a) => !family || family === 0 || a.family === family);
        if (wanted.length === 0) {
          callback(Object.assign(new Error('no address'), { code: 'ENOTFOUND' }), all ? [] : '', undefined);
          return;
        }
        if (!this.isAllowedHost(hostname) && !wanted.every((a) => this.allowsIp(a.address))) {
          callback(new AddressNotAllowedError(), all ? [] : '', undefined);
          return;
        }
        if (all) callback(null, wanted);
        else callback(null, wanted[0].address, wanted[0].family);
      },
      (err: NodeJS.ErrnoException) => callback(err, all ? [] : '', undefined),
    );
  };
}

function normaliseHost(host: string): string {
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
}
