// Corpus test, shard 3 of 4 (see test/support/corpus-shard.ts).
import { corpusShard } from './support/corpus-shard'

corpusShard(3, 4)
