import { join } from 'node:path';

import { describeReadmeSnippets } from '../../../scripts/readme-snippets';

// The checker (scripts/readme-snippets.ts) is tested in packages/nn/test/readme.test.ts.
describeReadmeSnippets(join(__dirname, '..'));
