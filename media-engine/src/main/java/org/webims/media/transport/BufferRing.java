package org.webims.media.transport;

import io.netty.channel.IoHandler;
import io.netty.channel.unix.Buffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receive buffers as a ring shared with the kernel ({@code IORING_REGISTER_PBUF_RING},
 * Linux 5.19): giving a buffer back is writing its entry at the ring's tail and publishing the tail
 * (a store with release order), no submission, no completion and no {@code struct io_buffer}
 * allocated and freed by the kernel per buffer as with {@link ProvidedBuffers} (decision 0042: the
 * legacy hand-over, {@code io_buffer_select}, {@code io_manage_buffers_legacy} and
 * {@code __io_put_kbufs} with their slab work, was in about 4 % of the relay I/O thread's samples).
 * <p>
 * Netty 4.2 registers such rings only for its own channels' {@code ByteBuf}s; the ring's descriptor
 * and its {@code Native.ioUringRegisterBufRing} (which maps the ring's memory and registers it) are
 * package-private, reached here by reflection. Where that fails (another Netty, a kernel before
 * 5.19) {@link #register} answers null and the worker keeps {@link ProvidedBuffers}.
 * The ring has one entry per buffer, so it never holds more than it has room for. Loop thread only.
 */
final class BufferRing implements ReceiveBuffers {

    private static final Logger LOG = LoggerFactory.getLogger(BufferRing.class);
    // struct io_uring_buf { u64 addr; u32 len; u16 bid; u16 resv; }, the ring's tail in bufs[0].resv (linux/io_uring.h)
    private static final int ENTRY = 16;
    private static final int LEN = 8;
    private static final int BID = 12;
    private static final int TAIL = 14;
    private static final int MASK = COUNT - 1; // COUNT is a power of two, as the kernel wants
    private static final VarHandle SHORT = MethodHandles.byteBufferViewVarHandle(short[].class, ByteOrder.nativeOrder());

    private final ByteBuffer memory = ReceiveBuffers.allocate();
    private final long base = Buffer.memoryAddress(memory);
    private final int ringFd;
    private final ByteBuffer ring;
    private final Method unregister;
    private int tail;
    private boolean closed;

    private BufferRing(int ringFd, long ringAddress, Method unregister) {
        this.ringFd = ringFd;
        this.ring = Buffer.wrapMemoryAddressWithNativeOrder(ringAddress, COUNT * ENTRY);
        this.unregister = unregister;
        for (int id = 0; id < COUNT; id++) {
            put(id);
        }
        SHORT.setRelease(ring, TAIL, (short) tail);
    }

    /**
     * On the loop thread of {@code handler} (Netty's {@code IoUringIoHandler}, initialised: a
     * single-issuer ring takes registrations from its own thread only): the pool as a registered
     * buffer ring, or null when that is not possible here.
     */
    static BufferRing register(IoHandler handler) {
        try {
            Field ringBuffer = handler.getClass().getDeclaredField("ringBuffer");
            ringBuffer.setAccessible(true);
            Object rb = ringBuffer.get(handler);
            Method fd = rb.getClass().getDeclaredMethod("fd");
            fd.setAccessible(true);
            int ringFd = (Integer) fd.invoke(rb);
            Class<?> nativeCalls = Class.forName("io.netty.channel.uring.Native", false, handler.getClass().getClassLoader());
            Method register = nativeCalls.getDeclaredMethod("ioUringRegisterBufRing", int.class, int.class, short.class, int.class);
            Method unregister = nativeCalls.getDeclaredMethod("ioUringUnRegisterBufRing", int.class, long.class, int.class, short.class);
            register.setAccessible(true);
            unregister.setAccessible(true);
            long address = (Long) register.invoke(null, ringFd, COUNT, GROUP, 0);
            if (address < 0) {
                LOG.atInfo().addKeyValue("errno", -address).log("io_uring buffer ring refused; receive buffers by IORING_OP_PROVIDE_BUFFERS");
                return null;
            }
            return new BufferRing(ringFd, address, unregister);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.atInfo().addKeyValue("reason", e.toString()).log("io_uring buffer ring not reachable; receive buffers by IORING_OP_PROVIDE_BUFFERS");
            return null;
        }
    }

    // buffer id's entry at the tail; published by the caller
    private void put(int id) {
        int at = (tail & MASK) * ENTRY;
        ring.putLong(at, base + (long) id * SIZE);
        ring.putInt(at + LEN, SIZE);
        ring.putShort(at + BID, (short) id); // not resv: in bufs[0] that is the tail
        tail++;
    }

    @Override
    public ByteBuffer memory() { return memory; }

    @Override
    public void giveBack(int id) {
        if (closed) {
            return;
        }
        put(id);
        // the entry before the tail that shows it (the kernel reads the tail with acquire order); a plain store on x86
        SHORT.setRelease(ring, TAIL, (short) tail);
    }

    /** Unregisters the ring and unmaps its memory (what the kernel already handed out is ours, not the ring's). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            unregister.invoke(null, ringFd, Buffer.memoryAddress(ring), COUNT, GROUP);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.atDebug().setCause(e).log("io_uring buffer ring not unregistered");
        }
    }
}
