import { parentPort } from 'node:worker_threads';
import { transformFile, type FileTask } from './pool.js';

parentPort?.on('message', (msg: { i: number; task: FileTask }) => {
  parentPort?.postMessage({ i: msg.i, result: transformFile(msg.task) });
});
