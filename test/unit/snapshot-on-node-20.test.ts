// Every playground command and Check from the built snapshot on Node 20.9.0: test/support/snapshot-on-node.ts.
import { describeSnapshotOnNode } from '../support/snapshot-on-node.ts';

describeSnapshotOnNode('20.9.0');
