/*
 * bin/bench audio-transcode's third subject (decision 0064): the codec work of one Opus <-> AMR-WB
 * call as BareTranscodeLoop does it, on the very frames the bench's far ends send, called from C
 * with no JVM at all. It tells whether the Java bare loop (JNA, one copy in and out per frame)
 * costs anything over the libraries themselves, and what the codec limit on this host is today.
 *
 * Per 20 ms, as BareTranscodeLoop: the far end's Opus packet decoded at 16 kHz, that PCM encoded
 * to AMR-WB 23.85 (mode 8) with DTX; the far end's AMR-WB storage-format frame (RFC 4867 §5.3)
 * decoded, that PCM encoded to Opus at 16 kHz (VOIP, signal voice, 32 kbit/s, complexity 10).
 * The libraries are Debian's, opened by soname, so no -dev package is needed to build this.
 *
 * Usage: audio-codec-loop FRAMES_FILE. The file holds the far ends' frames, each a 16-bit
 * big-endian length and the Opus packet, then the same for the AMR-WB frame. Then, per line read
 * on stdin, a number N: N frames are run and "us_per_frame" (this thread's CPU) is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

typedef struct OpusEncoder OpusEncoder;
typedef struct OpusDecoder OpusDecoder;
OpusEncoder *opus_encoder_create(int fs, int channels, int application, int *error);
int opus_encoder_ctl(OpusEncoder *st, int request, ...);
int opus_encode(OpusEncoder *st, const short *pcm, int frame_size, unsigned char *data, int max_bytes);
OpusDecoder *opus_decoder_create(int fs, int channels, int *error);
int opus_decode(OpusDecoder *st, const unsigned char *data, int len, short *pcm, int frame_size, int fec);
void *E_IF_init(void);
int E_IF_encode(void *state, int mode, const short *speech, unsigned char *out, int dtx);
void *D_IF_init(void);
void D_IF_decode(void *state, const unsigned char *bits, short *synth, int bfi);

/* opus_defines.h */
#define OPUS_APPLICATION_VOIP 2048
#define OPUS_SET_BITRATE_REQUEST 4002
#define OPUS_SET_COMPLEXITY_REQUEST 4010
#define OPUS_SET_SIGNAL_REQUEST 4024
#define OPUS_SIGNAL_VOICE 3001
#define MAX_FRAMES 4096

static unsigned char *opus_in[MAX_FRAMES], *amr_in[MAX_FRAMES];
static int opus_len[MAX_FRAMES];

static double thread_cpu_us(void) {
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static unsigned char *read_frame(FILE *f, int *len) {
    int hi = fgetc(f), lo = fgetc(f);
    if (hi == EOF || lo == EOF) {
        return NULL;
    }
    *len = (hi << 8) | lo;
    unsigned char *b = malloc(*len > 0 ? *len : 1);
    if (b == NULL || fread(b, 1, *len, f) != (size_t) *len) {
        return NULL;
    }
    return b;
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: audio-codec-loop FRAMES_FILE\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (f == NULL) {
        perror(argv[1]);
        return 2;
    }
    int frames = 0, amr_len;
    while (frames < MAX_FRAMES && (opus_in[frames] = read_frame(f, &opus_len[frames])) != NULL) {
        if ((amr_in[frames] = read_frame(f, &amr_len)) == NULL) {
            fprintf(stderr, "%s: frame %d has no AMR-WB frame\n", argv[1], frames);
            return 2;
        }
        frames++;
    }
    fclose(f);
    if (frames == 0) {
        fprintf(stderr, "%s: no frames\n", argv[1]);
        return 2;
    }
    int err = 0;
    OpusDecoder *opus_dec = opus_decoder_create(16000, 1, &err);
    OpusEncoder *opus_enc = opus_encoder_create(16000, 1, OPUS_APPLICATION_VOIP, &err);
    if (opus_dec == NULL || opus_enc == NULL) {
        fprintf(stderr, "opus: error %d\n", err);
        return 2;
    }
    opus_encoder_ctl(opus_enc, OPUS_SET_SIGNAL_REQUEST, OPUS_SIGNAL_VOICE);
    opus_encoder_ctl(opus_enc, OPUS_SET_BITRATE_REQUEST, 32000);
    opus_encoder_ctl(opus_enc, OPUS_SET_COMPLEXITY_REQUEST, 10);
    void *amr_enc = E_IF_init(), *amr_dec = D_IF_init();
    short pcm[5760];
    unsigned char out[1500];
    int next = 0;
    long n;
    setvbuf(stdout, NULL, _IOLBF, 0);
    while (scanf("%ld", &n) == 1 && n > 0) {
        double start = thread_cpu_us();
        for (long i = 0; i < n; i++) {
            opus_decode(opus_dec, opus_in[next], opus_len[next], pcm, 5760, 0);
            E_IF_encode(amr_enc, 8, pcm, out, 1);
            D_IF_decode(amr_dec, amr_in[next], pcm, 0);
            opus_encode(opus_enc, pcm, 320, out, sizeof out);
            next = (next + 1) % frames;
        }
        printf("%.3f\n", (thread_cpu_us() - start) / n);
    }
    return 0;
}
