package io.payguard.platform.messaging;

import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One round of background work over the items that are due (payments to recover, reviews to expire, ...): each item
 * is handled alone, one after the other, so a failure of one (logged with the item and the failure's type only, and
 * tried again next round) does not stop the others. Usually run by a {@link PeriodicTask}.
 */
public final class DueWork {

    private static final Logger LOG = Logger.getLogger(DueWork.class);

    private DueWork() {}

    /**
     * @param what   the work on one item, for the log ("recovery of card payment")
     * @param due    the items that are due
     * @param handle handles one item; true when it took effect, false when there was nothing to do (taken by another
     *               replica, changed meanwhile, left for later)
     * @return how many items took effect
     */
    public static <T> Uni<Integer> each(String what, Uni<List<T>> due, Function<T, Uni<Boolean>> handle) {
        return due.flatMap(items -> Multi.createFrom()
                .iterable(items)
                .onItem()
                .transformToUniAndConcatenate(item -> Uni.createFrom()
                        .deferred(() -> handle.apply(item))
                        .onFailure()
                        .recoverWithItem(e -> {
                            LOG.warnf(
                                    "%s %s failed, will retry: %s",
                                    what, item, e.getClass().getName());
                            return false;
                        }))
                .filter(Boolean::booleanValue)
                .collect()
                .asList()
                .map(List::size));
    }
}
