import { X509Certificate } from "node:crypto";

export interface CertificateExpiry {
  readonly domain: string;
  readonly notAfter: Date;
  readonly daysLeft: number;
}

interface AcmeStore {
  Certificates?: { domain?: { main?: string; sans?: string[] }; certificate?: string }[] | null;
}

/**
 * Traefik's acme.json: `{ <resolver>: { Account, Certificates: [{ domain: { main }, certificate }] } }`,
 * where `certificate` is the base64 of the PEM chain; the first PEM block is the leaf. Private keys
 * are in the same file and are never read past here.
 */
export const certificateExpiries = (acmeJson: string, now: Date = new Date()): CertificateExpiry[] => {
  let stores: Record<string, AcmeStore>;
  try {
    stores = JSON.parse(acmeJson) as Record<string, AcmeStore>;
  } catch (error) {
    throw new Error(`acme.json is not valid JSON: ${(error as Error).message}`);
  }
  const expiries: CertificateExpiry[] = [];
  for (const store of Object.values(stores ?? {})) {
    for (const entry of store?.Certificates ?? []) {
      if (!entry.certificate) continue;
      const pem = Buffer.from(entry.certificate, "base64").toString("utf8");
      const leaf = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0];
      if (!leaf) continue;
      const notAfter = new Date(new X509Certificate(leaf).validTo);
      expiries.push({
        domain: entry.domain?.main ?? "?",
        notAfter,
        daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / 86_400_000),
      });
    }
  }
  return expiries.sort((a, b) => a.notAfter.getTime() - b.notAfter.getTime());
};
