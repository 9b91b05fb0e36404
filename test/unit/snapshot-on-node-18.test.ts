// Every playground command and Check from the built snapshot on Node 18.20.8: test/support/snapshot-on-node.ts.
import { describeSnapshotOnNode } from '../support/snapshot-on-node.ts';

describeSnapshotOnNode('18.20.8');
