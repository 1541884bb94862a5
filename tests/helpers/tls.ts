import { generateKeyPairSync, randomBytes, sign, X509Certificate } from "node:crypto";

export interface SelfSignedCertificate {
  /** PEM: the server's private key. */
  key: string;
  /** PEM: the certificate, valid for 127.0.0.1 for one day; also the CA a client must trust. */
  cert: string;
}

/**
 * A self-signed X.509 v3 certificate for the IP address 127.0.0.1, made with node:crypto alone (no
 * openssl binary, no key committed to the repository). Node can read certificates but not write
 * them, so the DER is assembled here: RSA 2048, SHA-256, a subjectAltName for the IP and
 * basicConstraints CA:TRUE, so that the certificate can be its own trust anchor.
 */
export function selfSignedCertificate(): SelfSignedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const sha256WithRsa = sequence(oid("1.2.840.113549.1.1.11"), tlv(0x05, Buffer.alloc(0)));
  const name = sequence(set(sequence(oid("2.5.4.3"), tlv(0x0c, Buffer.from("127.0.0.1")))));
  const now = Date.now();
  const serial = randomBytes(12);
  serial[0] = serial[0]! & 0x7f; // a positive INTEGER

  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))), // version: v3
    integer(serial),
    sha256WithRsa,
    name, // issuer
    sequence(utcTime(new Date(now - 60_000)), utcTime(new Date(now + 86_400_000))),
    name, // subject
    publicKey.export({ type: "spki", format: "der" }),
    tlv(
      0xa3,
      sequence(
        // subjectAltName: iPAddress 127.0.0.1
        sequence(oid("2.5.29.17"), tlv(0x04, sequence(tlv(0x87, Buffer.from([127, 0, 0, 1]))))),
        // basicConstraints (critical): CA:TRUE
        sequence(oid("2.5.29.19"), tlv(0x01, Buffer.from([0xff])), tlv(0x04, sequence(tlv(0x01, Buffer.from([0xff]))))),
      ),
    ),
  );
  const signature = sign("sha256", tbs, privateKey);
  const der = sequence(tbs, sha256WithRsa, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));

  const cert = `-----BEGIN CERTIFICATE-----\n${der
    .toString("base64")
    .match(/.{1,64}/g)!
    .join("\n")}\n-----END CERTIFICATE-----\n`;
  const parsed = new X509Certificate(cert);
  if (parsed.checkIP("127.0.0.1") !== "127.0.0.1" || !parsed.verify(publicKey)) {
    throw new Error("the self-signed certificate does not verify");
  }
  return { key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), cert };
}

/** One DER element: tag, definite length, content. */
function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  if (length < 0x80) return Buffer.concat([Buffer.from([tag, length]), content]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.concat([Buffer.from([tag, 0x80 | bytes.length, ...bytes]), content]);
}

const sequence = (...parts: Buffer[]): Buffer => tlv(0x30, Buffer.concat(parts));
const set = (...parts: Buffer[]): Buffer => tlv(0x31, Buffer.concat(parts));

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
}

function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const base128 = [arc & 0x7f];
    for (let n = arc >> 7; n > 0; n >>= 7) base128.unshift((n & 0x7f) | 0x80);
    bytes.push(...base128);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** UTCTime, YYMMDDHHMMSSZ (valid for the years 1950 to 2049). */
function utcTime(date: Date): Buffer {
  const iso = date.toISOString(); // 2025-11-25T12:00:00.000Z
  const text = iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10) + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + "Z";
  return tlv(0x17, Buffer.from(text));
}
