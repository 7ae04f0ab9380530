import { portsByVariable, readLocalConfig } from '../../src/config';

describe('readLocalConfig', () => {
  it('prints the route table with --routes or at LOG_LEVEL=debug, not otherwise', () => {
    expect(readLocalConfig({}, ['--routes']).printRoutes).toBe(true);
    expect(readLocalConfig({ LOG_LEVEL: 'debug' }, []).printRoutes).toBe(true);
    expect(readLocalConfig({ LOG_LEVEL: 'info' }, ['--fresh']).printRoutes).toBe(false);
  });

  it('refuses an unknown argument, naming the options', () => {
    expect(() => readLocalConfig({}, ['--verbose'])).toThrow(
      'Unknown argument --verbose: the options are --fresh, --routes',
    );
  });

  it('reads each port from its variable and names the variables back', () => {
    const config = readLocalConfig({ CHAT_HTTP_PORT: '3100', CHAT_SNS_PORT: '4111' }, []);

    expect(portsByVariable(config.ports)).toEqual({
      CHAT_HTTP_PORT: 3100,
      CHAT_WS_PORT: 3001,
      CHAT_DYNAMODB_PORT: 8000,
      CHAT_COGNITO_PORT: 9229,
      CHAT_S3_PORT: 4569,
      CHAT_EVENTBRIDGE_PORT: 4010,
      CHAT_SNS_PORT: 4111,
      CHAT_WEB_PORT: 3002,
    });
  });

  it('fails fast on a port that is not a port number', () => {
    expect(() => readLocalConfig({ CHAT_WS_PORT: '70000' }, [])).toThrow(
      'CHAT_WS_PORT must be a port number (1-65535), got "70000"',
    );
  });

  it('prints the functions’ lines pretty with --pretty or LOG_FORMAT=pretty, as JSON lines otherwise', () => {
    expect(readLocalConfig({}, ['--pretty']).logFormat).toBe('pretty');
    expect(readLocalConfig({ LOG_FORMAT: 'pretty' }, []).logFormat).toBe('pretty');
    expect(readLocalConfig({}, []).logFormat).toBe('json');
    expect(readLocalConfig({ LOG_LEVEL: 'debug' }, []).printMetrics).toBe(true);
    expect(readLocalConfig({}, []).printMetrics).toBe(false);
  });
});
