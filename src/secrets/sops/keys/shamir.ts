// Shamir's secret sharing over GF(2^8) as sops uses it (HashiCorp Vault's
// shamir package): every byte of the secret is the constant term of its own
// random polynomial of degree threshold-1; a share is the polynomials'
// values at one x, followed by that x as its last byte. Any `threshold`
// shares give the secret back by Lagrange interpolation at 0.
import { randomBytes } from "node:crypto";

/** Multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1 (AES), without branches on the data. */
function mult(a: number, b: number): number {
  let r = 0;
  for (let i = 7; i >= 0; i--) {
    r = (-((b >> i) & 1) & a) ^ (-(r >> 7) & 0x1b) ^ ((r << 1) & 0xff);
    r &= 0xff;
  }
  return r;
}

function inverse(a: number): number {
  // a^254 = a^-1 in GF(2^8).
  let result = 1;
  let base = a;
  for (let e = 254; e > 0; e >>= 1) {
    if (e & 1) result = mult(result, base);
    base = mult(base, base);
  }
  return result;
}

function interpolateAtZero(xs: readonly number[], ys: readonly number[]): number {
  let result = 0;
  for (let i = 0; i < xs.length; i++) {
    let basis = 1;
    for (let j = 0; j < xs.length; j++) {
      if (i === j) continue;
      basis = mult(basis, mult(xs[j]!, inverse(xs[i]! ^ xs[j]!)));
    }
    result ^= mult(ys[i]!, basis);
  }
  return result;
}

export function split(secret: Uint8Array, parts: number, threshold: number): Uint8Array[] {
  if (parts < 2 || parts > 255 || threshold < 2 || threshold > parts || secret.length === 0) {
    throw new RangeError("shamir: need 2 <= threshold <= parts <= 255 and a non-empty secret");
  }
  // Distinct non-zero x coordinates, in random order.
  const xs = [...Array(255).keys()].map((x) => x + 1);
  const random = randomBytes(xs.length * 2);
  for (let i = xs.length - 1; i > 0; i--) {
    const j = random.readUInt16BE(i * 2) % (i + 1);
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  const shares = Array.from({ length: parts }, (_, p) => {
    const share = new Uint8Array(secret.length + 1);
    share[secret.length] = xs[p]!;
    return share;
  });
  for (let b = 0; b < secret.length; b++) {
    const coefficients = [secret[b]!, ...randomBytes(threshold - 1)];
    for (const share of shares) {
      const x = share[secret.length]!;
      let y = 0;
      for (let c = coefficients.length - 1; c >= 0; c--) y = mult(y, x) ^ coefficients[c]!;
      share[b] = y;
    }
  }
  return shares;
}

export function combine(shares: readonly Uint8Array[]): Uint8Array {
  if (shares.length < 2) throw new RangeError("shamir: at least two shares are needed");
  const length = shares[0]!.length;
  if (length < 2 || shares.some((s) => s.length !== length)) {
    throw new RangeError("shamir: shares must have one length");
  }
  const xs = shares.map((s) => s[length - 1]!);
  if (new Set(xs).size !== xs.length) throw new RangeError("shamir: duplicate share");
  const secret = new Uint8Array(length - 1);
  for (let b = 0; b < secret.length; b++)
    secret[b] = interpolateAtZero(
      xs,
      shares.map((s) => s[b]!),
    );
  return secret;
}
