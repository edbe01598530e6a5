import { runSpecGroup } from '../../test-utils/spec-groups';

runSpecGroup('part-4');
