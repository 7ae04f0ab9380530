import { domainErrorFrame, errorFrame, parseFrameBody } from '../../src/error-frame';
import { NotFoundError, ValidationError } from '../../src/errors';

describe('errorFrame', () => {
  it('builds the contract error frame', () => {
    expect(errorFrame('BAD_FRAME', 'Frame is empty')).toEqual({
      type: 'error',
      error: { code: 'BAD_FRAME', message: 'Frame is empty' },
    });
  });

  it('carries the refused frame’s clientMessageId and the field details when given', () => {
    const frame = errorFrame('VALIDATION_FAILED', 'The request is not valid', {
      clientMessageId: 'c-1',
      details: [{ field: 'text', message: 'Required' }],
    });

    expect(JSON.stringify(frame)).toBe(
      '{"type":"error","clientMessageId":"c-1","error":{"code":"VALIDATION_FAILED",' +
        '"message":"The request is not valid","details":[{"field":"text","message":"Required"}]}}',
    );
  });

  it('leaves out what is not given', () => {
    expect(errorFrame('NOT_FOUND', 'The room was not found', { details: undefined })).toEqual({
      type: 'error',
      error: { code: 'NOT_FOUND', message: 'The room was not found' },
    });
  });
});

describe('domainErrorFrame', () => {
  it('carries a validation error’s field details and the refused frame’s clientMessageId', () => {
    const error = new ValidationError([{ field: 'roomId', message: 'Required' }]);

    expect(domainErrorFrame(error, 'c-1')).toEqual({
      type: 'error',
      clientMessageId: 'c-1',
      error: {
        code: 'VALIDATION_FAILED',
        message: 'The request is not valid',
        details: [{ field: 'roomId', message: 'Required' }],
      },
    });
  });

  it('has no details for other errors, nor for a validation error without any', () => {
    expect(domainErrorFrame(new NotFoundError('The room was not found'))).toEqual({
      type: 'error',
      error: { code: 'NOT_FOUND', message: 'The room was not found' },
    });
    expect(domainErrorFrame(new ValidationError([])).error).not.toHaveProperty('details');
  });
});

describe('parseFrameBody', () => {
  it('reads a JSON body', () => {
    expect(parseFrameBody('{"action":"typing","roomId":"r-1"}')).toEqual({ action: 'typing', roomId: 'r-1' });
  });

  it('gives undefined for a missing body or one that is not JSON', () => {
    expect(parseFrameBody(undefined)).toBeUndefined();
    expect(parseFrameBody('{not json')).toBeUndefined();
  });
});
