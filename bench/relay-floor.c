/*
 * relay-floor: the kernel's floor for a UDP relay on this host, the third subject of
 * bin/bench srtp-relay (decision 0044). It relays plain RTP between the two legs of each call and
 * does nothing else: no RTP parsing, no SRTP, no latching, no statistics per packet. What it costs
 * per packet is what the kernel (receive, send, the loopback delivery into the load generator,
 * the wake-ups) leaves to any userspace relay; a relay doing real work can only add to it.
 *
 * Usage: relay-floor GATHER_US FAR_A FAR_B [FAR_A FAR_B ...]
 *   one FAR_A FAR_B pair per call: the UDP ports, on 127.0.0.1, of the call's two far ends
 *   GATHER_US: the nap after a light round, as our relay's I/O thread takes (see below); 0 for none
 * Per call it binds two UDP sockets on 127.0.0.1 (ports chosen by the kernel), one per leg, as
 * rtpengine does for an offer and answer, and prints "PORT_A PORT_B" (the ports far end A and far
 * end B send to), then "ready". A datagram received on the socket of leg A goes out of leg B's
 * socket to far end B, and the reverse. It ends when its standard input closes (the bench's JVM
 * closed it or ended, however it ended: no stray relay), printing its counters.
 *
 * One thread, like rtpengine's num-threads = 1 and our one media I/O thread. The batched calls,
 * the best a userspace relay can do without io_uring (liburing is not a dependency of this repo,
 * and what the bench compares against is the socket layer's cost, not the submission mechanism):
 *   - level-triggered epoll over all sockets: one epoll_wait per round gives every socket that has
 *     datagrams queued;
 *   - per ready socket one recvmmsg (up to BATCH datagrams, no source address asked for: the far
 *     ends are known, as rtpengine knows them from the SDP) and one sendmmsg of all of them out of
 *     the other leg's socket, unconnected, to the far end's address (as both relays send: sendto
 *     with an address, a route lookup per send);
 *   - after a round that handled fewer than GATHER_BELOW datagrams, a nap of GATHER_US, the same
 *     rule and the same defaults as our relay's I/O thread (MediaIoLoop: 200 us, below 32), so
 *     that a lightly loaded relay does not pay a wake-up per datagram; rtpengine has no such nap.
 * At 300 datagrams/s per socket few sockets have more than one datagram queued per round, so
 * recvmmsg/sendmmsg batch little here and the floor is about two system calls per packet; only
 * io_uring batches across sockets (ours: 57 datagrams per io_uring_enter, decision 0042).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 64        /* datagrams per recvmmsg/sendmmsg */
#define GATHER_BELOW 32 /* MediaIoLoop.GATHER_BELOW */
#define BUF 2048        /* an MTU-sized datagram fits; RTP audio is ~200 bytes */
#define EVENTS 512
#define STDIN_TAG UINT32_MAX

static void die(const char *what) {
    perror(what);
    exit(1);
}

int main(int argc, char **argv) {
    if (argc < 4 || (argc - 2) % 2 != 0) {
        fprintf(stderr, "usage: relay-floor GATHER_US FAR_A FAR_B [FAR_A FAR_B ...]\n");
        return 2;
    }
    long gather_us = atol(argv[1]);
    int n = argc - 2; /* sockets: socket i faces far end i, its partner is i ^ 1 */
    int *fd = calloc(n, sizeof *fd);
    struct sockaddr_in *far = calloc(n, sizeof *far);
    int ep = epoll_create1(0);
    if (!fd || !far || ep < 0) die("relay-floor: setup");
    for (int i = 0; i < n; i++) {
        far[i].sin_family = AF_INET;
        far[i].sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        far[i].sin_port = htons((uint16_t)atoi(argv[2 + i]));
        fd[i] = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
        if (fd[i] < 0) die("relay-floor: socket");
        int size = 4 << 20; /* as our relay's sockets (UdpPortAllocator) */
        setsockopt(fd[i], SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
        setsockopt(fd[i], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
        struct sockaddr_in local = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
        socklen_t len = sizeof local;
        if (bind(fd[i], (struct sockaddr *)&local, sizeof local) < 0) die("relay-floor: bind");
        if (getsockname(fd[i], (struct sockaddr *)&local, &len) < 0) die("relay-floor: getsockname");
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (uint32_t)i};
        if (epoll_ctl(ep, EPOLL_CTL_ADD, fd[i], &ev) < 0) die("relay-floor: epoll_ctl");
        printf(i % 2 == 0 ? "%d " : "%d\n", ntohs(local.sin_port));
    }
    struct epoll_event in = {.events = EPOLLIN, .data.u32 = STDIN_TAG};
    if (epoll_ctl(ep, EPOLL_CTL_ADD, STDIN_FILENO, &in) < 0) die("relay-floor: epoll_ctl stdin");
    printf("ready\n");
    fflush(stdout);

    /* one set of buffers: a batch is received and sent before the next socket is read; rx_iov are
       full-size views for receiving, tx_iov get each datagram's length for sending */
    static char buf[BATCH][BUF];
    static struct iovec rx_iov[BATCH], tx_iov[BATCH];
    static struct mmsghdr rx[BATCH], tx[BATCH];
    for (int j = 0; j < BATCH; j++) {
        rx_iov[j] = (struct iovec){.iov_base = buf[j], .iov_len = BUF};
        tx_iov[j] = (struct iovec){.iov_base = buf[j]};
        rx[j].msg_hdr = (struct msghdr){.msg_iov = &rx_iov[j], .msg_iovlen = 1};
        tx[j].msg_hdr = (struct msghdr){.msg_iov = &tx_iov[j], .msg_iovlen = 1, .msg_namelen = sizeof far[0]};
    }
    struct timespec nap = {.tv_sec = 0, .tv_nsec = gather_us * 1000};
    long in_count = 0, out_count = 0, failed = 0, rounds = 0, receives = 0, naps = 0;
    struct epoll_event ev[EVENTS];
    for (;;) {
        int ready = epoll_wait(ep, ev, EVENTS, -1);
        if (ready < 0) {
            if (errno == EINTR) continue;
            die("relay-floor: epoll_wait");
        }
        rounds++;
        int handled = 0;
        for (int e = 0; e < ready; e++) {
            uint32_t s = ev[e].data.u32;
            if (s == STDIN_TAG) { /* EOF or anything: the bench is done with us */
                printf("relay-floor: datagrams in %ld, out %ld, send failures %ld; rounds %ld, recvmmsg %ld, naps %ld\n",
                       in_count, out_count, failed, rounds, receives, naps);
                return 0;
            }
            int got = recvmmsg(fd[s], rx, BATCH, MSG_DONTWAIT, NULL);
            receives++;
            if (got <= 0) continue;
            in_count += got;
            handled += got;
            uint32_t peer = s ^ 1;
            for (int j = 0; j < got; j++) {
                tx_iov[j].iov_len = rx[j].msg_len;
                tx[j].msg_hdr.msg_name = &far[peer];
            }
            for (int done = 0; done < got;) { /* a datagram the kernel refuses is dropped, not retried */
                int sent = sendmmsg(fd[peer], tx + done, got - done, MSG_DONTWAIT);
                if (sent > 0) {
                    done += sent;
                    out_count += sent;
                } else {
                    done++;
                    failed++;
                }
            }
        }
        if (handled < GATHER_BELOW && gather_us > 0) {
            nanosleep(&nap, NULL);
            naps++;
        }
    }
}
