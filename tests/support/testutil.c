/* Shared test helpers (see testutil.h). */
#include "testutil.h"

#include "../../src/base/xalloc.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

const char *const seed_examples[4] = {
    "examples/seed-001-shenzhen-2024.json",
    "examples/seed-002-shangjie-2021.json",
    "examples/seed-003-urumqi-2023.json",
    "examples/seed-004-suining-2024.json",
};

const char *repo_path(const char *rel)
{
        static char path[4096];
        const char *root = getenv("JIXIAO_ROOT");
        snprintf(path, sizeof path, "%s/%s", root ? root : ".", rel);
        return path;
}

bool memcheck_available(void)
{
        const char *flavour = getenv("JIXIAO_FLAVOUR");
        return access("/usr/bin/valgrind", X_OK) == 0 && !(flavour && strcmp(flavour, "asan") == 0);
}

void memcheck_argv(const char *argv[MEMCHECK_ARGC])
{
        static char supp[4200];
        snprintf(supp, sizeof supp, "--suppressions=%s", repo_path("tests/valgrind.supp"));
        const char *args[MEMCHECK_ARGC] = {"/usr/bin/valgrind",
                                           "--error-exitcode=99",
                                           "--leak-check=full",
                                           "--errors-for-leak-kinds=definite,indirect",
                                           "--quiet",
                                           "--num-callers=40",
                                           supp};
        memcpy(argv, args, sizeof args);
}

struct run run_jixiao_memcheck(const char *const *args)
{
        const char *argv[MEMCHECK_ARGC + 18];
        memcheck_argv(argv);
        size_t n = MEMCHECK_ARGC;
        argv[n++] = jixiao_bin();
        for (; *args && n < MEMCHECK_ARGC + 17; args++)
                argv[n++] = *args;
        argv[n] = NULL;
        return run_argv(NULL, argv);
}

char *read_file(const char *path, size_t *len)
{
        FILE *f = fopen(path, "rb");
        if (!f)
                return NULL;
        struct buf b = BUF_INIT;
        char chunk[65536];
        size_t n;
        while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
                buf_append(&b, chunk, n);
        fclose(f);
        if (len)
                *len = b.len;
        return buf_detach(&b);
}

const char *jixiao_bin(void)
{
        const char *bin = getenv("JIXIAO_BIN");
        return bin ? bin : "build/jixiao";
}

struct run run_jixiao(const char *stdin_text, const char *arg, ...)
{
        const char *argv[64] = {jixiao_bin()};
        size_t argc = 1;
        va_list ap;
        va_start(ap, arg);
        for (const char *a = arg; a && argc < 63; a = va_arg(ap, const char *))
                argv[argc++] = a;
        va_end(ap);
        argv[argc] = NULL;
        return run_argv(stdin_text, argv);
}

struct run run_argv(const char *stdin_text, const char *const *argv)
{
        const char *bin = argv[0];
        int in[2], out[2], err[2];
        if (pipe(in) || pipe(out) || pipe(err))
                abort();
        posix_spawn_file_actions_t fa;
        posix_spawn_file_actions_init(&fa);
        posix_spawn_file_actions_adddup2(&fa, in[0], 0);
        posix_spawn_file_actions_adddup2(&fa, out[1], 1);
        posix_spawn_file_actions_adddup2(&fa, err[1], 2);
        for (int i = 0; i < 2; i++) {
                posix_spawn_file_actions_addclose(&fa, in[i]);
                posix_spawn_file_actions_addclose(&fa, out[i]);
                posix_spawn_file_actions_addclose(&fa, err[i]);
        }
        pid_t pid;
        if (posix_spawn(&pid, bin, &fa, NULL, (char *const *)argv, environ) != 0) {
                fprintf(stderr, "cannot run %s\n", bin);
                abort();
        }
        posix_spawn_file_actions_destroy(&fa);
        close(in[0]);
        close(out[1]);
        close(err[1]);

        struct run r = {0, BUF_INIT, BUF_INIT};
        size_t to_write = stdin_text ? strlen(stdin_text) : 0, written = 0;
        if (!to_write)
                close(in[1]);
        signal(SIGPIPE, SIG_IGN);
        struct pollfd fds[3] = {
            {out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {to_write ? in[1] : -1, POLLOUT, 0}};
        int open_fds = 2;
        while (open_fds > 0) {
                if (poll(fds, 3, -1) < 0)
                        continue;
                for (int i = 0; i < 2; i++) {
                        if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP)))
                                continue;
                        char chunk[65536];
                        ssize_t n = read(fds[i].fd, chunk, sizeof chunk);
                        if (n <= 0) {
                                close(fds[i].fd);
                                fds[i].fd = -1;
                                open_fds--;
                        } else {
                                buf_append(i == 0 ? &r.out : &r.err, chunk, (size_t)n);
                        }
                }
                if (fds[2].fd >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
                        ssize_t n = write(fds[2].fd, stdin_text + written, to_write - written);
                        if (n > 0)
                                written += (size_t)n;
                        if (n <= 0 || written == to_write) {
                                close(fds[2].fd);
                                fds[2].fd = -1;
                        }
                }
        }
        if (fds[2].fd >= 0)
                close(fds[2].fd);
        int status;
        waitpid(pid, &status, 0);
        r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        if (!r.out.data)
                buf_puts(&r.out, "");
        if (!r.err.data)
                buf_puts(&r.err, "");
        return r;
}

void run_free(struct run *r)
{
        buf_free(&r->out);
        buf_free(&r->err);
}
