package main

// The front: a MongoDB wire-protocol relay before the embedded FerretDB that gives back MongoDB's
// single-document atomicity. FerretDB 1.24 runs an update with a condition in its filter as a read
// and a separate whole-document write, so two such updates of one document can both match, and an
// update of one field can overwrite a concurrent update of another. The front runs writes one at a
// time per database (each client connection has its own FerretDB connection, and a write holds its
// database's lock from sending the request until the reply is read); reads are not serialized.

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"sync"
	"time"

	"github.com/FerretDB/wire"
)

// shutdownGrace bounds how long a request in flight may take once shutdown began.
const shutdownGrace = 3 * time.Second

type front struct {
	// dial opens a connection to FerretDB.
	dial  func() (net.Conn, error)
	locks dbLocks
	conns sync.WaitGroup
}

func newFront(dial func() (net.Conn, error)) *front {
	return &front{dial: dial, locks: dbLocks{byName: map[string]*sync.Mutex{}}}
}

// serve accepts clients on ln until ctx is done, then lets each connection finish the request it is
// relaying, closes them, and returns once they are all closed.
func (f *front) serve(ctx context.Context, ln net.Listener) {
	stop := context.AfterFunc(ctx, func() { _ = ln.Close() })
	defer stop()
	for {
		client, err := ln.Accept()
		if err != nil {
			if ctx.Err() != nil || errors.Is(err, net.ErrClosed) {
				break
			}
			log.Printf("front: accept: %v", err)
			time.Sleep(100 * time.Millisecond)
			continue
		}
		f.conns.Add(1)
		go func() {
			defer f.conns.Done()
			f.handle(ctx, client)
		}()
	}
	f.conns.Wait()
}

func (f *front) handle(ctx context.Context, client net.Conn) {
	defer client.Close()
	backend, err := f.dial()
	if err != nil {
		log.Printf("front: connecting to FerretDB: %v", err)
		return
	}
	defer backend.Close()
	stop := context.AfterFunc(ctx, func() {
		// The next read from the client fails at once; a request already sent gets its reply.
		_ = client.SetReadDeadline(time.Unix(1, 0))
		_ = backend.SetDeadline(time.Now().Add(shutdownGrace))
	})
	defer stop()

	fromClient, fromBackend := bufio.NewReader(client), bufio.NewReader(backend)
	for {
		frame, err := readFrame(fromClient)
		if err == nil {
			err = f.roundTrip(frame, backend, fromBackend, client)
		}
		if err != nil {
			if !quiet(err) {
				log.Printf("front: connection from %s: %v", client.RemoteAddr(), err)
			}
			return
		}
	}
}

// roundTrip sends one client message to FerretDB and relays its reply or replies. A write holds its
// databases' locks until FerretDB's reply is read: FerretDB has then applied it.
func (f *front) roundTrip(frame []byte, backend net.Conn, fromBackend *bufio.Reader, client net.Conn) error {
	req := classify(frame)
	unlock := func() {}
	if req.write {
		unlock = sync.OnceFunc(f.locks.lock(req.dbs))
		defer unlock()
	}
	if _, err := backend.Write(frame); err != nil {
		return fmt.Errorf("to FerretDB: %w", err)
	}
	for {
		reply, err := readFrame(fromBackend)
		// Released before writing to the client, so a client slow to read holds up no one else.
		unlock()
		if err != nil {
			return fmt.Errorf("from FerretDB: %w", err)
		}
		// With moreToCome the client reads no reply, but FerretDB 1.24 answers every request (a Go
		// test checks this): drop the answer, so the client's next reply is its own.
		if !req.moreToCome {
			if _, err := client.Write(reply); err != nil {
				return err
			}
		}
		// An exhaust cursor's replies keep moreToCome set until the last one.
		if !replyMoreToCome(reply) {
			return nil
		}
	}
}

// readFrame reads one whole message: the 16-byte header, whose first field is the message's
// length, and the body.
func readFrame(r *bufio.Reader) ([]byte, error) {
	var length [4]byte
	if _, err := io.ReadFull(r, length[:]); err != nil {
		return nil, err
	}
	n := int32(binary.LittleEndian.Uint32(length[:]))
	if n < wire.MsgHeaderLen || n > wire.MaxMsgLen {
		return nil, fmt.Errorf("invalid message length %d", n)
	}
	frame := make([]byte, n)
	copy(frame, length[:])
	if _, err := io.ReadFull(r, frame[4:]); err != nil {
		return nil, fmt.Errorf("reading a message of %d bytes: %w", n, err)
	}
	return frame, nil
}

// quiet tells the ends of a connection that are no news: the client hung up, or shutdown.
func quiet(err error) bool {
	return errors.Is(err, io.EOF) || errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrDeadlineExceeded)
}

// dbLocks holds one mutex per database name, made on first use.
type dbLocks struct {
	mu     sync.Mutex
	byName map[string]*sync.Mutex
}

// lock takes the locks of the given databases, in sorted order so that two callers never wait for
// each other, and returns the function that releases them.
func (l *dbLocks) lock(sortedNames []string) (unlock func()) {
	var held []*sync.Mutex
	for i, name := range sortedNames {
		if i > 0 && name == sortedNames[i-1] {
			continue
		}
		l.mu.Lock()
		m := l.byName[name]
		if m == nil {
			m = &sync.Mutex{}
			l.byName[name] = m
		}
		l.mu.Unlock()
		m.Lock()
		held = append(held, m)
	}
	return func() {
		for i := len(held) - 1; i >= 0; i-- {
			held[i].Unlock()
		}
	}
}
