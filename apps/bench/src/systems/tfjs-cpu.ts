/** TensorFlow.js on its pure-JavaScript cpu backend. */
import '@tensorflow/tfjs-backend-cpu';
import { tfjsSystem } from './tfjs-common';

const system = tfjsSystem('cpu');
export const describe = system.describe;
export const createRunner = system.createRunner;
