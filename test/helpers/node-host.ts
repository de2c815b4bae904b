// Every test runs the core as the CLI does: with the Node host (src/host.ts) installed.
import '../../src/host-node.js';
