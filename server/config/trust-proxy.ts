// TRUST_PROXY: which reverse proxies may say, through X-Forwarded-For, which client a request came from (the forms
// of express's "trust proxy" setting). Client addresses feed the sign-in limits and the session records.
import { isIP, isIPv4 } from "node:net";

/** What express's "trust proxy" accepts from us: off/on, a number of proxy hops, or proxy addresses and subnets. */
export type TrustProxy = boolean | number | string[];

/** express's names for address ranges (proxy-addr). */
const rangeNames = new Set(["loopback", "linklocal", "uniquelocal"]);

export const trustProxyForms =
  "expected false, true, a number of proxy hops (1 for one proxy in front), or a comma-separated list of proxy " +
  "addresses or subnets (10.0.0.1, 172.16.0.0/12, ::1) and loopback, linklocal, uniquelocal";

/** Parses a TRUST_PROXY value; undefined when it is none of the accepted forms. */
export function parseTrustProxy(value: string): TrustProxy | undefined {
  const text = value.trim().toLowerCase();
  if (text === "false") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    return hops === 0 ? false : hops;
  }
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0 || !entries.every(isProxyEntry)) return undefined;
  return entries;
}

function isProxyEntry(entry: string): boolean {
  if (rangeNames.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (version === 4 && isIPv4(prefix)) return true; // a netmask such as 255.255.0.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}
