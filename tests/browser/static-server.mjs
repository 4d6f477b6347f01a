import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.mid': 'audio/midi',
  '.wav': 'audio/wav',
  '.svg': 'image/svg+xml',
  '.bin': 'application/octet-stream',
};

/** The Content-Security-Policy the built index.html carries in its meta tag, or null. */
async function builtPolicy(root) {
  const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => '');
  return /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1]?.replaceAll('&#39;', "'") ?? null;
}

/**
 * Serves a built app folder on 127.0.0.1 at a free port, every response with the policy of the
 * page's meta tag as a header too, as a host should (it reaches the workers). Resolves to { url, close }.
 */
export async function serveFolder(root) {
  const policy = await builtPolicy(root);
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', ...(policy === null ? {} : { 'Content-Security-Policy': policy }) });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
