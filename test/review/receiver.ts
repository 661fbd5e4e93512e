import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
  signatureValid: boolean;
}

/** A webhook receiver on 127.0.0.1 that checks the HMAC signature as a platform would. */
export const startReceiver = async (
  secret: string,
  respond: (n: number) => number = () => 200,
): Promise<{ url: string; received: Received[]; close(): Promise<void> }> => {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d));
    req.on('end', () => {
      const ts = String(req.headers['marsad-timestamp'] ?? '');
      const sig = String(req.headers['marsad-signature'] ?? '');
      const expected = `v1=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
      const signatureValid =
        sig.length === expected.length && timingSafeEqual(Buffer.from(sig), Buffer.from(expected));
      received.push({ headers: req.headers, body, signatureValid });
      res.statusCode = respond(received.length);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
};
