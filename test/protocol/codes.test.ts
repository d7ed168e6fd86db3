import { expect } from '@open-wc/testing';
import { VerifyError, isTransient } from '../../src/client/errors.js';
import { CODES, codeInfo } from '../../src/protocol/code-table.js';
import * as codes from '../../src/protocol/codes.js';
import { VERIFICATION_CODES, MAX_CHECK_ATTEMPTS, MAX_SEND_ATTEMPTS } from '../../src/protocol/verification-codes.js';

const { isTransientCode, ...constants } = codes;

describe('error codes', () => {
  it('the table has an entry for every named code, and every API code has its HTTP status', () => {
    for (const [name, code] of Object.entries(constants)) {
      expect(CODES, name).to.have.property(String(code));
      if (code < 60400) expect(CODES[code]!.status, name).to.be.within(400, 599);
      else expect(CODES[code]!.status, `${name} is the client's own`).to.equal(undefined);
    }
  });

  it('the one-time codes\' own errors have their HTTP status, and are not the client\'s', () => {
    for (const code of [MAX_CHECK_ATTEMPTS, MAX_SEND_ATTEMPTS]) {
      expect(VERIFICATION_CODES[code]?.status, String(code)).to.equal(429);
      expect(CODES, String(code)).not.to.have.property(String(code));
    }
  });

  it('retries what may pass: network failures, rate limits and server failures only', () => {
    expect(isTransientCode(codes.NETWORK_ERROR)).to.equal(true);
    expect(isTransientCode(codes.TOO_MANY_REQUESTS, 429)).to.equal(true);
    expect(isTransientCode(codes.TOO_MANY_FACTOR_CREATIONS, 429)).to.equal(true);
    expect(isTransientCode(codes.MAPPER_ERROR, 503)).to.equal(true);
    expect(isTransientCode(codes.ALREADY_RESPONDED, 403)).to.equal(false);
    expect(isTransientCode(codes.CHALLENGE_EXPIRED, 403)).to.equal(false);
    expect(isTransientCode(codes.STORAGE_ERROR)).to.equal(false);
    expect(isTransient(new VerifyError(codes.NETWORK_ERROR, 'offline'))).to.equal(true);
    expect(isTransient(new VerifyError(codes.INVALID_ANSWER_SIGNATURE, 'wrong key', 403))).to.equal(false);
    expect(isTransient(new Error('not a VerifyError'))).to.equal(false);
  });

  it('an unknown code takes what its HTTP status says; a known code without advice takes the status\'s advice', () => {
    expect(codeInfo(99999, 401)).to.include({ status: 401, problem: 'signIn' });
    expect(codeInfo(99999, 502)?.advice).to.match(/try again later/);
    expect(codeInfo(codes.MAPPER_ERROR, 404)?.advice).to.match(/does not exist/);
    expect(codeInfo(99999)).to.equal(undefined);
  });

  it('names what a user can do for the failures the locales word', () => {
    const problems = Object.fromEntries(Object.entries(constants).map(([name, code]) => [name, CODES[code]?.problem]).filter(([, p]) => p));
    expect(problems).to.deep.equal({
      UNAUTHORIZED: 'signIn',
      TOO_MANY_REQUESTS: 'rate',
      VERIFICATION_FAILED: 'reEnroll',
      TOO_MANY_FACTORS: 'devices',
      INVALID_ANSWER_SIGNATURE: 'reEnroll',
      TOO_MANY_FACTOR_CREATIONS: 'rate',
      NETWORK_ERROR: 'network',
      STORAGE_ERROR: 'storage',
      KEY_STORAGE_ERROR: 'storage',
      AUTHENTICATION_TOKEN_ERROR: 'signIn',
    });
  });
});
