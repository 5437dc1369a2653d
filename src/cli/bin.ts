import { main } from './main';
import { createNodeIo } from './nodeIo';

process.exitCode = main(process.argv.slice(2), createNodeIo());
