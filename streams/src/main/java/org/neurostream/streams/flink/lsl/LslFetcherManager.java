package org.neurostream.streams.flink.lsl;

import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherManager;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.neurostream.streams.record.StreamData;

/**
 * One fetcher thread per LSL stream, so that waiting for one stream's next sample never delays another's.
 */
final class LslFetcherManager extends SplitFetcherManager<StreamData, LslSplit> {

    LslFetcherManager(Supplier<SplitReader<StreamData, LslSplit>> splitReaders, Configuration configuration) {
        super(splitReaders, configuration);
    }

    @Override
    public void addSplits(List<LslSplit> splits) {
        for (LslSplit split : splits) {
            SplitFetcher<StreamData, LslSplit> fetcher = createSplitFetcher();
            fetcher.addSplits(List.of(split));
            startFetcher(fetcher);
        }
    }

    @Override
    public void removeSplits(List<LslSplit> splits) {
        for (SplitFetcher<StreamData, LslSplit> fetcher : fetchers.values()) {
            fetcher.removeSplits(splits);
        }
    }
}
