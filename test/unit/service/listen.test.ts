import { describe, expect, it } from 'vitest';
import { parseListen, urlOf } from '../../../src/service/listen.js';

describe('--metrics [host:]port', () => {
  it.each([
    ['9464', { host: '127.0.0.1', port: 9464 }],
    [':9464', { host: '127.0.0.1', port: 9464 }],
    ['0', { host: '127.0.0.1', port: 0 }],
    ['0.0.0.0:9464', { host: '0.0.0.0', port: 9464 }],
    ['localhost:9464', { host: 'localhost', port: 9464 }],
    ['metrics.internal:80', { host: 'metrics.internal', port: 80 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
    ['[::]:0', { host: '::', port: 0 }],
  ])('takes %s', (text, listen) => {
    expect(parseListen(text)).toEqual(listen);
  });

  it.each([
    '',
    'abc',
    'localhost',
    '65536',
    '-1',
    '94.64',
    'host:',
    'host:port',
    '::1:9464',
    '[localhost]:80',
    'a b:80',
    'http://127.0.0.1:9464',
  ])('refuses %j', (text) => {
    expect(parseListen(text)).toBeUndefined();
  });

  it('makes a URL of where it listens, IPv6 in brackets', () => {
    expect(urlOf({ host: '127.0.0.1', port: 9464 })).toBe('http://127.0.0.1:9464/');
    expect(urlOf({ host: '::1', port: 80 })).toBe('http://[::1]:80/');
  });
});
