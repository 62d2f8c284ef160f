// Command ferretdb runs an embedded FerretDB (MongoDB wire protocol over SQLite) for local
// development and tests: ferretdb -listen 127.0.0.1:27017 -data ./data
// With -postgresql postgres://user@host:5432/db it stores in that PostgreSQL database instead.
//
// FerretDB itself listens on a Unix socket in a private temporary directory; clients reach it
// through the front (front.go), which keeps MongoDB's single-document atomicity.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
	"github.com/FerretDB/wire/wireclient"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	data := flag.String("data", "", "directory for the SQLite files (required)")
	postgresql := flag.String("postgresql", "", "PostgreSQL URL: use FerretDB's PostgreSQL backend instead of SQLite")
	flag.Parse()
	if *data == "" {
		log.Fatal("ferretdb: -data is required")
	}
	if err := run(*listen, *data, *postgresql); err != nil {
		log.Fatal("ferretdb: ", err)
	}
}

func run(listen, data, postgresql string) error {
	dir, err := filepath.Abs(data)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	socketDir, err := os.MkdirTemp("", "ferretdb-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(socketDir)
	socket := filepath.Join(socketDir, "ferretdb.sock")

	config := &ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: socket},
		Handler:   "sqlite",
		SQLiteURL: "file:" + dir + "/",
	}
	if postgresql != "" {
		config.Handler = "postgresql"
		config.PostgreSQLURL = postgresql
	}
	f, err := ferretdb.New(config)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	// FerretDB stops after the front, so that requests in flight get their replies.
	backendCtx, stopBackend := context.WithCancel(context.Background())
	backendDone := make(chan struct{})
	go func() {
		defer close(backendDone)
		_ = f.Run(backendCtx)
	}()
	frontCtx, stopFront := context.WithCancel(ctx)
	go func() {
		select {
		case <-backendDone:
			stopFront()
		case <-frontCtx.Done():
		}
	}()
	served := make(chan struct{})
	go func() {
		defer close(served)
		newFront(func() (net.Conn, error) { return net.Dial("unix", socket) }).serve(frontCtx, ln)
	}()

	pingErr := ping(frontCtx, ln.Addr().String())
	if pingErr != nil {
		stopFront()
	} else {
		// The caller waits for this line before connecting.
		fmt.Printf("ferretdb listening on %s\n", ln.Addr())
	}
	<-served
	stopBackend()
	<-backendDone
	if ctx.Err() == nil {
		return errors.Join(errors.New("stopped before SIGTERM"), pingErr)
	}
	return nil
}

// ping answers once a client can reach FerretDB through the front.
func ping(ctx context.Context, addr string) error {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	conn, err := wireclient.Connect(ctx, "mongodb://"+addr+"/", slog.Default())
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Ping(ctx)
}
