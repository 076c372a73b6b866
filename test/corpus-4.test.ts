// Corpus test, shard 4 of 4 (see test/support/corpus-shard.ts).
import { corpusShard } from './support/corpus-shard'

corpusShard(4, 4)
