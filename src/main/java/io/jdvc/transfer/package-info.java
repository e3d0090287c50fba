/**
 * Moving objects between the local cache and a remote: parallel uploads and verified downloads
 * ({@link io.jdvc.transfer.Transfers}), per-object outcomes ({@link io.jdvc.transfer.TransferReport}), and what is
 * known to be on a remote ({@link io.jdvc.transfer.RemoteIndex}). Which objects to move is decided by the api.
 */
package io.jdvc.transfer;
