package io.shmlane.relaxed;

import java.util.concurrent.locks.LockSupport;

/**
 * The platform threads that carry the simulated threads of executions, one per actor, reused from
 * one execution to the next. Only the thread whose turn it is runs; the others wait.
 */
final class Workers implements AutoCloseable {
    private final Worker[] workers;

    Workers(final int count, final String name) {
        workers = new Worker[count];
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker();
            Thread thread = new Thread(workers[i], name + "-" + i);
            thread.setDaemon(true);
            workers[i].thread = thread;
            thread.start();
        }
    }

    int size() {
        return workers.length;
    }

    /** Gives each simulated thread to a worker and wakes it: it runs when its turn comes. */
    void start(final ThreadState[] threads) {
        if (threads.length > workers.length) {
            throw new IllegalArgumentException(threads.length + " threads for " + workers.length + " workers");
        }
        for (int i = 0; i < threads.length; i++) {
            threads[i].thread = workers[i].thread;
        }
        for (int i = 0; i < threads.length; i++) {
            workers[i].job = threads[i];
            LockSupport.unpark(workers[i].thread);
        }
    }

    @Override
    public void close() {
        for (Worker w : workers) {
            w.closed = true;
            LockSupport.unpark(w.thread);
        }
    }

    private static final class Worker implements Runnable {
        volatile ThreadState job;
        volatile boolean closed;
        Thread thread;

        @Override
        public void run() {
            while (!closed) {
                ThreadState t = job;
                if (t == null) {
                    LockSupport.park(this);
                    continue;
                }
                job = null;
                Execution execution = t.execution;
                Execution.CURRENT.set(t);
                try {
                    execution.awaitTurn(t);
                    t.body.run();
                } catch (ExecutionAbandoned abandoned) {
                    // the execution was given up: this thread just ends
                } catch (Throwable failure) {
                    t.failure = failure;
                } finally {
                    Execution.CURRENT.remove();
                    execution.finished(t);
                }
            }
        }
    }
}
