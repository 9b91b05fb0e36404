// Runs in a worker thread: does the CPU work there and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { burnCpu } from './burn-cpu.ts';

parentPort?.postMessage(burnCpu(workerData as number));
