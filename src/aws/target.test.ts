import { describe, expect, it } from 'vitest';
import { AwsSetupError } from './errors.js';
import { awsTarget, endpointUrl } from './target.js';

describe('awsTarget', () => {
  it('the flag region wins over the config region', () => {
    expect(awsTarget({ region: 'eu-west-1' }, 'us-east-1')).toEqual({ kind: 'live', region: 'eu-west-1' });
    expect(awsTarget({ profile: 'dev' }, 'us-east-1')).toEqual({ kind: 'live', region: 'us-east-1', profile: 'dev' });
  });

  it('--sandbox and --endpoint-url', () => {
    expect(awsTarget({ sandbox: true })).toEqual({ kind: 'sandbox' });
    expect(awsTarget({ endpointUrl: 'http://127.0.0.1:4566' })).toEqual({ kind: 'endpoint', url: 'http://127.0.0.1:4566' });
    expect(() => awsTarget({ sandbox: true, endpointUrl: 'http://127.0.0.1:4566' })).toThrow(AwsSetupError);
  });
});

describe('endpointUrl', () => {
  it.each(['http://127.0.0.1:4566', 'https://elasticloadbalancing.us-west-2.amazonaws.com', 'HTTP://localhost:4566/'])('accepts %s', (url) => {
    expect(endpointUrl(url)).toBe(url);
  });

  it.each([
    ['localhost:4566', 'has no scheme; did you mean http://localhost:4566?'],
    ['127.0.0.1', 'has no scheme; did you mean http://127.0.0.1?'],
    ['ftp://127.0.0.1:21', 'the scheme must be http or https, not ftp'],
    ['http://', 'is not a URL'],
    ['not a url', 'is not a URL; pass e.g. --endpoint-url http://127.0.0.1:4566'],
    ['http://127.0.0.1:port', 'is not a URL'],
  ])('refuses %s', (url, message) => {
    expect(() => endpointUrl(url)).toThrow(AwsSetupError);
    expect(() => endpointUrl(url)).toThrow(message);
  });
});
