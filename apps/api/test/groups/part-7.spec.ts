import { runSpecGroup } from '../../test-utils/spec-groups';

runSpecGroup('part-7');
