import { expect } from '@open-wc/testing';
import { VerifyError } from '../../src/client/errors.js';

/** The VerifyError a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function rejection(promise: Promise<unknown>): Promise<VerifyError> {
  try {
    await promise;
  } catch (e) {
    expect(e).to.be.instanceOf(VerifyError);
    return e as VerifyError;
  }
  throw new Error('expected a rejection');
}
