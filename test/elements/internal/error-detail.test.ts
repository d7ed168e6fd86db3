import { expect } from '@open-wc/testing';
import { VerifyError } from '../../../src/client/errors.js';
import { toErrorDetail } from '../../../src/elements/internal/error-detail.js';
import { NETWORK_ERROR } from '../../../src/protocol/codes.js';

describe('toErrorDetail', () => {
  it('keeps a VerifyError\'s code, message and HTTP status', () => {
    expect(toErrorDetail(new VerifyError(60322, 'Challenge YC… was already approved.', 403))).to.deep.equal({
      code: 60322,
      message: 'Challenge YC… was already approved.',
      status: 403,
    });
  });

  it('has no status for a failure in the browser', () => {
    expect(toErrorDetail(new VerifyError(NETWORK_ERROR, 'The network failed.'))).to.deep.equal({ code: NETWORK_ERROR, message: 'The network failed.' });
  });

  it('reads a VerifyError of another copy of the kit by its numeric code', () => {
    const foreign = Object.assign(new Error('Verify API error 60323: expired.'), { name: 'VerifyError', code: 60323, status: 403 });
    expect(toErrorDetail(foreign)).to.deep.equal({ code: 60323, message: 'Verify API error 60323: expired.', status: 403 });
  });

  it('gives code 0 to anything else, with its message or its text', () => {
    expect(toErrorDetail(new TypeError('x is not a function'))).to.deep.equal({ code: 0, message: 'x is not a function' });
    expect(toErrorDetail('offline')).to.deep.equal({ code: 0, message: 'offline' });
    expect(toErrorDetail(undefined)).to.deep.equal({ code: 0, message: 'undefined' });
    expect(toErrorDetail({ code: '60401' })).to.deep.equal({ code: 0, message: '[object Object]' });
  });
});
