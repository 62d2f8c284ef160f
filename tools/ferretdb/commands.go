package main

import (
	"encoding/binary"
	"fmt"
	"sort"
	"strings"

	"github.com/FerretDB/wire"
	"github.com/FerretDB/wire/wirebson"
)

// commandWrites classifies every command FerretDB 1.24 implements (see its listCommands; a Go test
// keeps this table complete): true for a command that changes stored data, indexes, collections or
// users, false for one that only reads or answers about the server or the connection.
// A command not in the table counts as a write: serializing a read costs a little time, letting a
// write through unserialized costs correctness.
var commandWrites = map[string]bool{
	// Writes: one at a time per database.
	"collMod":                  true,
	"compact":                  true,
	"create":                   true,
	"createIndexes":            true,
	"createUser":               true,
	"delete":                   true,
	"drop":                     true,
	"dropAllUsersFromDatabase": true,
	"dropDatabase":             true,
	"dropIndexes":              true,
	"dropUser":                 true,
	"findAndModify":            true,
	"findandmodify":            true,
	"insert":                   true,
	"renameCollection":         true,
	"setFreeMonitoring":        true,
	"update":                   true,
	"updateUser":               true,

	// Reads: concurrent. aggregate is a write when its pipeline ends in $out or $merge (see isWrite).
	"aggregate":               false,
	"buildInfo":               false,
	"buildinfo":               false,
	"collStats":               false,
	"connectionStatus":        false,
	"count":                   false,
	"currentOp":               false,
	"dataSize":                false,
	"dbStats":                 false,
	"dbstats":                 false,
	"debugError":              false,
	"distinct":                false,
	"explain":                 false, // plans an update or delete, never runs it
	"find":                    false,
	"getCmdLineOpts":          false,
	"getFreeMonitoringStatus": false,
	"getLog":                  false,
	"getMore":                 false,
	"getParameter":            false,
	"hello":                   false,
	"hostInfo":                false,
	"isMaster":                false,
	"ismaster":                false,
	"killCursors":             false,
	"listCollections":         false,
	"listCommands":            false,
	"listDatabases":           false,
	"listIndexes":             false,
	"logout":                  false,
	"ping":                    false,
	"saslContinue":            false,
	"saslStart":               false,
	"serverStatus":            false,
	"usersInfo":               false,
	"validate":                false,
	"whatsmyuri":              false,
}

// request is what the front needs to know about one client message.
type request struct {
	// write: run it alone among the writes to the databases in dbs.
	write bool
	dbs   []string
	// moreToCome: the client expects no reply (OP_MSG flag bit 1).
	moreToCome bool
}

const opMsg = int32(wire.OpCodeMsg)

// classify reads a whole message (header and body). Anything but an OP_MSG (the legacy OP_QUERY
// handshake) only reads. An OP_MSG that does not parse is passed on as a read: FerretDB parses it
// with the same package and refuses it.
func classify(frame []byte) (req request) {
	if opCode(frame) != opMsg {
		return request{}
	}
	doc, flags, err := section0(frame[wire.MsgHeaderLen:])
	if err != nil {
		return request{}
	}
	req.moreToCome = flags.FlagSet(wire.OpMsgMoreToCome)
	command := doc.Command()
	req.write = isWrite(command, doc)
	if !req.write {
		return req
	}
	db, _ := doc.Get("$db").(string)
	req.dbs = []string{db}
	if command == "renameCollection" {
		// Run on admin with namespaces "db.collection": it changes those databases.
		for _, field := range []string{"renameCollection", "to"} {
			if ns, ok := doc.Get(field).(string); ok {
				req.dbs = append(req.dbs, strings.SplitN(ns, ".", 2)[0])
			}
		}
	}
	sort.Strings(req.dbs)
	return req
}

func isWrite(command string, doc *wirebson.Document) bool {
	write, known := commandWrites[command]
	if !known {
		return true
	}
	if command == "aggregate" {
		return pipelineWrites(doc)
	}
	return write
}

// pipelineWrites tells whether an aggregate's last stage is $out or $merge (FerretDB 1.24 refuses
// both; this keeps the table right should a later version run them).
func pipelineWrites(doc *wirebson.Document) bool {
	raw, ok := doc.Get("pipeline").(wirebson.RawArray)
	if !ok {
		return false
	}
	stages, err := raw.Decode()
	if err != nil || stages.Len() == 0 {
		return false
	}
	last, ok := stages.Get(stages.Len() - 1).(wirebson.RawDocument)
	if !ok {
		return false
	}
	stage, err := last.Decode()
	if err != nil {
		return false
	}
	return stage.Command() == "$out" || stage.Command() == "$merge"
}

// section0 decodes the command document of an OP_MSG body and its flags.
func section0(body []byte) (doc *wirebson.Document, flags wire.OpMsgFlags, err error) {
	defer func() {
		// The parser indexes into the body before checking every length; a malformed body is an error.
		if p := recover(); p != nil {
			err = fmt.Errorf("malformed OP_MSG: %v", p)
		}
	}()
	var msg wire.OpMsg
	if err = msg.UnmarshalBinaryNocopy(body); err != nil {
		return nil, 0, err
	}
	raw := msg.RawSection0()
	if raw == nil {
		return nil, 0, fmt.Errorf("OP_MSG without a section of kind 0")
	}
	doc, err = raw.Decode()
	return doc, msg.Flags, err
}

func opCode(frame []byte) int32 {
	return int32(binary.LittleEndian.Uint32(frame[12:16]))
}

// replyMoreToCome tells whether the server sends another reply after this one (exhaust cursors).
func replyMoreToCome(frame []byte) bool {
	if opCode(frame) != opMsg || len(frame) < wire.MsgHeaderLen+4 {
		return false
	}
	flags := wire.OpMsgFlags(binary.LittleEndian.Uint32(frame[wire.MsgHeaderLen:]))
	return flags.FlagSet(wire.OpMsgMoreToCome)
}
