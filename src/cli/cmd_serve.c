/* jixiao serve: the web server on a database. */
#include "cli.h"

#include "../auth/auth.h"
#include "../http/server.h"
#include "../web/handlers.h"
#include "../app/loaded.h"
#include "../web/html/view_cache.h"

#include <stdio.h>

static int run(const struct command *self, int argc, char **argv)
{
        const char *db = NULL, *listen = "127.0.0.1:8080", *threads = NULL, *log = NULL,
                   *per_address = NULL;
        bool secure = false;
        const struct optspec opts[] = {{"--db", OPT_VALUE, &db},
                                       {"--listen", OPT_VALUE, &listen},
                                       {"--threads", OPT_VALUE, &threads},
                                       {"--access-log", OPT_VALUE, &log},
                                       {"--secure-cookies", OPT_FLAG, &secure},
                                       {"--per-address", OPT_VALUE, &per_address}};
        size_t n;
        enum args_status st = args_parse(self, argc, argv, opts, 6, NULL, 0, 0, &n);
        if (st != ARGS_OK)
                return args_exit(st);
        if (!db) {
                fprintf(
                    stderr,
                    "jixiao serve：缺少 --db 数据库文件（先用 jixiao init 或 jixiao demo 创建）\n");
                return EXIT_USAGE;
        }
        struct server_config cfg;
        server_defaults(&cfg);
        long t = (long)cfg.threads;
        if (threads && !args_int(self, "--threads", threads, 1, 256, &t))
                return EXIT_USAGE;
        cfg.threads = (unsigned)t;
        long k = (long)cfg.per_ip_connections;
        if (per_address && !args_int(self, "--per-address", per_address, 1, 512, &k))
                return EXIT_USAGE;
        cfg.per_ip_connections = (unsigned)k;
        cfg.db_path = db;
        cfg.listen = listen;
        cfg.access_log = log;
        cfg.secure_cookies = secure;
        cfg.routes = web_routes(&cfg.n_routes, NULL);
        if (!auth_init()) {
                fprintf(stderr, "jixiao serve：无法初始化加密库 libsodium\n");
                return 1;
        }
        struct diags errs = DIAGS_INIT;
        int rc = server_run(&cfg, &errs);
        view_cache_clear();
        loaded_cache_clear();
        diags_print(&errs, stderr);
        diags_free(&errs);
        return rc;
}

const struct command command_serve = {
    "serve", run, "启动 Web 服务",
    "用法：jixiao serve --db 文件 [--listen 地址:端口] [--threads N] [--access-log 文件] [--secure-cookies]\n"
    "                   [--per-address N]\n\n"
    "在数据库文件上启动绩效自评 Web 服务（默认 127.0.0.1:8080）。数据库结构较旧时自动升级；\n"
    "比本程序新的数据库拒绝打开。收到 SIGTERM 或 Ctrl-C 后停止接收新连接，处理完进行中的请求再退出。\n\n"
    "选项：\n"
    "  --db 文件            数据库文件（jixiao init 或 jixiao demo 创建）\n"
    "  --listen 地址:端口   监听地址，端口为 0 时自动选择空闲端口\n"
    "  --threads N          工作线程数（默认 8）\n"
    "  --access-log 文件    访问日志（默认写到标准错误）\n"
    "  --secure-cookies     Cookie 加 Secure 标记（经 HTTPS 反向代理访问时使用）\n"
    "  --per-address N      每个客户端地址最多同时连接数（默认 16；压力测试时可调高）\n"};
