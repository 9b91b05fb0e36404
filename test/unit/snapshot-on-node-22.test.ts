// Every playground command and Check from the built snapshot on Node 22.22.0: test/support/snapshot-on-node.ts.
import { describeRefusals, describeSnapshotOnNode } from '../support/snapshot-on-node.ts';

describeSnapshotOnNode('22.22.0');

describeRefusals();
