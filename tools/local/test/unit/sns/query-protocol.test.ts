import {
  QueryError,
  listParam,
  mapParam,
  parseQueryBody,
  requiredParam,
  structMapParam,
  xmlElement,
  xmlErrorResponse,
  xmlResponse,
} from '../../../src/cloud/sns/query-protocol';

describe('the AWS Query protocol helpers', () => {
  it('reads string-to-string maps in entry order', () => {
    // Arrange
    const params = parseQueryBody(
      'Action=CreateTopic&Attributes.entry.2.key=b&Attributes.entry.2.value=2&Attributes.entry.1.key=a&Attributes.entry.1.value=1',
    );

    // Act
    const attributes = mapParam(params, 'Attributes');

    // Assert
    expect(requiredParam(params, 'Action')).toBe('CreateTopic');
    expect(Object.entries(attributes)).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });

  it('reads message attributes and batch entries, with URL-decoded values', () => {
    // Arrange
    const params = parseQueryBody(
      'MessageAttributes.entry.1.Name=kind&MessageAttributes.entry.1.Value.DataType=String' +
        '&MessageAttributes.entry.1.Value.StringValue=a%26b%20c' +
        '&PublishBatchRequestEntries.member.10.Id=ten&PublishBatchRequestEntries.member.2.Id=two',
    );

    // Act
    const attributes = structMapParam(params, 'MessageAttributes');
    const entries = listParam(params, 'PublishBatchRequestEntries');

    // Assert
    expect(attributes).toEqual({ kind: { DataType: 'String', StringValue: 'a&b c' } });
    expect(entries.map((entry) => entry.Id)).toEqual(['two', 'ten']);
  });

  it('keeps __proto__ as a plain parameter name', () => {
    // Act
    const params = parseQueryBody('__proto__.polluted=yes&Name=t');

    // Assert
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(requiredParam(params, 'Name')).toBe('t');
  });

  it('refuses a missing required parameter as InvalidParameter', () => {
    // Act
    const act = () => requiredParam(parseQueryBody('Action=Publish'), 'TopicArn');

    // Assert
    expect(act).toThrow(expect.objectContaining({ code: 'InvalidParameter', status: 400 }));
  });

  it('escapes XML text and wraps results and errors in the SNS documents', () => {
    // Act
    const element = xmlElement('Message', '<a & "b">');
    const response = xmlResponse('Publish', xmlElement('MessageId', 'm-1'), 'req-1');
    const error = xmlErrorResponse(new QueryError('NotFound', 'Topic does not exist', 404), 'req-2');

    // Assert
    expect(element).toBe('<Message>&lt;a &amp; &quot;b&quot;&gt;</Message>');
    expect(response).toContain('<PublishResult><MessageId>m-1</MessageId></PublishResult>');
    expect(response).toContain('<RequestId>req-1</RequestId>');
    expect(error).toContain(
      '<Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message>',
    );
  });
});
