import { errorFrame } from '../../src/error-frame';

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
