// Corpus test, shard 2 of 4 (see test/support/corpus-shard.ts).
import { corpusShard } from './support/corpus-shard'

corpusShard(2, 4)
