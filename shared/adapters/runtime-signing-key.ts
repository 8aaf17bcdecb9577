// A signing key whose value lives in a secret and may be rotated at any time: `load()` at the start of an
// invocation reads the current value (cached by the secret reader) and rebuilds the signer only when the
// value changed. The feedback and case-page tokens both sign through one of these.

import type { ReadSecret } from "../ports";

/** Thrown when a token is issued or read before the key was loaded in this invocation. */
export class SigningKeyNotLoadedError extends Error {
  override name = "SigningKeyNotLoadedError";
}

export class RuntimeSigningKey<Signer> {
  private key?: string;
  private signer?: Signer;

  /** `purpose` names the key in the error thrown when it is used before `load()`. */
  constructor(
    private readonly readKey: ReadSecret,
    private readonly signerFor: (key: string) => Signer,
    private readonly purpose: string,
  ) {}

  async load(): Promise<void> {
    const key = await this.readKey();
    if (key === this.key) return;
    this.key = key;
    this.signer = this.signerFor(key);
  }

  /** The signer under the value loaded last. */
  current(): Signer {
    if (!this.signer)
      throw new SigningKeyNotLoadedError(`load the ${this.purpose} signing key before using it`);
    return this.signer;
  }
}
