// Corpus test, shard 1 of 4 (see test/support/corpus-shard.ts).
import { corpusShard } from './support/corpus-shard'

corpusShard(1, 4)
