/** Version of SPEC.md this contract implements; bump with any normative change. */
export const SPEC_VERSION = '1.2.0';
