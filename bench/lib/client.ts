// One GraphQL request from the harness (sign-in, validation, statement counting): never under load.
import type { GraphQLBody } from '../api/operations.js';

export interface Answer {
  status: number;
  text: string;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  /** bytes of JSON.stringify(body.data): what "identical responses" compares */
  dataBytes: number;
  setCookie: string[];
}

export async function post(url: string, request: GraphQLBody, cookie?: string): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(request),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = { errors: [{ message: text.slice(0, 300) }] };
  }
  return {
    status: response.status,
    text,
    body,
    dataBytes: body.data === undefined ? 0 : Buffer.byteLength(JSON.stringify(body.data)),
    setCookie: response.headers.getSetCookie(),
  };
}

export const describeErrors = (answer: Answer) =>
  `HTTP ${answer.status}: ${JSON.stringify(answer.body.errors ?? answer.text.slice(0, 300))}`;
