import { httpApiCors, webOrigins } from '../../src';

describe('webOrigins', () => {
  it('allows only the local web app without CHAT_WEB_ORIGINS (on its CHAT_WEB_PORT)', () => {
    expect(webOrigins({})).toEqual(['http://127.0.0.1:3002', 'http://localhost:3002']);
    expect(webOrigins({ CHAT_WEB_PORT: '4000' })).toEqual(['http://127.0.0.1:4000', 'http://localhost:4000']);
  });

  it('takes the deployed stage’s origins from CHAT_WEB_ORIGINS, normalised and once each', () => {
    expect(
      webOrigins({
        CHAT_WEB_ORIGINS: 'https://chat.example.com, https://Chat.Example.com/,http://app.test:8080',
      }),
    ).toEqual(['https://chat.example.com', 'http://app.test:8080']);
  });

  it.each(['*', 'chat.example.com', 'https://chat.example.com/app', 'ftp://chat.example.com'])(
    'refuses %s, which is not an origin',
    (origin) => {
      expect(() => webOrigins({ CHAT_WEB_ORIGINS: origin })).toThrow(/CHAT_WEB_ORIGINS/);
    },
  );

  it('configures the HTTP API’s CORS with those origins only', () => {
    expect(httpApiCors({ CHAT_WEB_ORIGINS: 'https://chat.example.com' }).allowedOrigins).toEqual([
      'https://chat.example.com',
    ]);
  });
});
