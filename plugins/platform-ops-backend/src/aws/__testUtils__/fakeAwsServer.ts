import { AddressInfo } from 'net';
import http from 'http';

/** One HTTP request a real SDK client sent to the fake endpoint. */
export interface RecordedRequest {
  method: string;
  path: string;
  host: string;
  authorization: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/**
 * A local HTTP endpoint standing in for AWS, for tests of the real clients (endpoint
 * override, signing with each account's credentials, error parsing). It records what the
 * SDK sent and answers with `reply`.
 */
export async function startFakeAwsServer(
  reply: (req: RecordedRequest) => FakeReply | 'no-answer',
) {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        host: req.headers.host ?? '',
        authorization: String(req.headers.authorization ?? ''),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const answer = reply(recorded);
      if (answer === 'no-answer') return; // a hung endpoint, for timeout tests
      res.writeHead(answer.status, {
        'x-amzn-requestid': `fake-${requests.length}`,
        ...answer.headers,
      });
      res.end(answer.body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** SQS speaks JSON 1.0: a successful answer. */
export function sqsJson(body: object): FakeReply {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify(body),
  };
}

/** Auto Scaling speaks the query protocol: an XML error. */
export function queryError(status: number, code: string, message: string): FakeReply {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body: `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>req-1</RequestId></ErrorResponse>`,
  };
}
