import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { frameText } from '@rtm-migrate/core';
import WebSocket from 'ws';

export type Frame = Record<string, unknown> & { type?: string; envelope_id?: string; payload?: Record<string, unknown> };

/**
 * JSON items arriving one by one (WebSocket frames, a child's stdout lines): every item kept, and
 * `next(test)` waits for the next one, after those already taken, that matches.
 */
export class JsonInbox {
  readonly items: Frame[] = [];
  private seen = 0;
  private waiters: { test: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];

  push(item: Frame): void {
    this.items.push(item);
    for (const w of [...this.waiters]) {
      if (!w.test(item)) continue;
      this.waiters.splice(this.waiters.indexOf(w), 1);
      this.seen = this.items.length;
      w.resolve(item);
    }
  }

  next(test: (f: Frame) => boolean = () => true, timeoutMs = 20_000): Promise<Frame> {
    for (let i = this.seen; i < this.items.length; i++) {
      if (test(this.items[i]!)) {
        this.seen = i + 1;
        return Promise.resolve(this.items[i]!);
      }
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (f: Frame) => {
          clearTimeout(timer);
          resolve(f);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching item within ${timeoutMs} ms (${this.items.length} received; last: ${JSON.stringify(this.items.at(-1))})`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  /** Resolves when `count` items match. */
  async count(test: (f: Frame) => boolean, count: number, timeoutMs = 30_000): Promise<Frame[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.items.filter(test);
      if (found.length >= count) return found;
      if (Date.now() > deadline) throw new Error(`${found.length} of ${count} matching items within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** A WebSocket client whose JSON frames land in an inbox. */
export class JsonSocket extends JsonInbox {
  constructor(readonly ws: WebSocket) {
    super();
    ws.on('message', (data) => this.push(JSON.parse(frameText(data)) as Frame));
  }

  static async open(url: string): Promise<JsonSocket> {
    const socket = new JsonSocket(new WebSocket(url));
    await new Promise((resolve, reject) => socket.ws.once('open', resolve).once('error', reject));
    return socket;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  closed(): Promise<void> {
    if (this.ws.readyState === this.ws.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }
}

/** A child process that prints one JSON object a line (other lines are kept apart, as `noise`). */
export class JsonLinesProcess extends JsonInbox {
  readonly noise: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcessWithoutNullStreams) {
    super();
    let rest = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      rest += chunk;
      const lines = rest.split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (!line.trim()) continue;
        try {
          this.push(JSON.parse(line) as Frame);
        } catch {
          this.noise.push(line);
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  static spawn(command: string, args: readonly string[], env: NodeJS.ProcessEnv, cwd?: string): JsonLinesProcess {
    return new JsonLinesProcess(spawn(command, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] }));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}
