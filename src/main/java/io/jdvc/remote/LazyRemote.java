package io.jdvc.remote;

import io.jdvc.object.ObjectInfo;
import io.jdvc.object.Oid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A remote opened on its first use, for commands that may never need it: {@code diff} of two revisions whose
 * manifests are all in the cache must not fail because the default remote is of a kind jdvc does not speak or
 * its directory is not mounted. A failure to open surfaces from the first call that needs the remote, every time.
 */
public final class LazyRemote implements Remote {
  private final String name;
  private final String location;
  private final Supplier<Remote> opener;
  private Remote opened;

  public LazyRemote(String name, String location, Supplier<Remote> opener) {
    this.name = name;
    this.location = location;
    this.opener = opener;
  }

  private synchronized Remote delegate() {
    if (opened == null) {
      opened = opener.get();
    }
    return opened;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    Remote r;
    synchronized (this) {
      r = opened;
    }
    return r != null ? r.location() : location;
  }

  @Override
  public Optional<ObjectInfo> stat(Oid oid) throws IOException {
    return delegate().stat(oid);
  }

  @Override
  public Set<Oid> existing(Collection<Oid> oids) throws IOException {
    return delegate().existing(oids);
  }

  @Override
  public Map<Oid, ObjectInfo> statAll(Collection<Oid> oids) throws IOException {
    return delegate().statAll(oids);
  }

  @Override
  public void upload(Oid oid, Path source, Consumer<Long> bytesDone) throws IOException {
    delegate().upload(oid, source, bytesDone);
  }

  @Override
  public void download(Oid oid, Path target, Consumer<Long> bytesDone) throws IOException {
    delegate().download(oid, target, bytesDone);
  }

  @Override
  public InputStream open(Oid oid) throws IOException {
    return delegate().open(oid);
  }

  @Override
  public InputStream openRange(Oid oid, long offset, long length) throws IOException {
    return delegate().openRange(oid, offset, length);
  }

  @Override
  public void list(Consumer<Oid> sink) throws IOException {
    delegate().list(sink);
  }

  @Override
  public void delete(Oid oid) throws IOException {
    delegate().delete(oid);
  }

  @Override
  public int deleteStaleTemps(java.time.Duration age) throws IOException {
    return delegate().deleteStaleTemps(age);
  }

  @Override
  public void listRunCache(Consumer<String> sink) throws IOException {
    delegate().listRunCache(sink);
  }

  @Override
  public void uploadRunCache(String relativePath, Path source) throws IOException {
    delegate().uploadRunCache(relativePath, source);
  }

  @Override
  public void downloadRunCache(String relativePath, Path target) throws IOException {
    delegate().downloadRunCache(relativePath, target);
  }

  @Override
  public <T> T readRunCache(String relativePath, BodyReader<T> reader) throws IOException {
    return delegate().readRunCache(relativePath, reader);
  }

  @Override
  public void putSideFile(String key, byte[] content) throws IOException {
    delegate().putSideFile(key, content);
  }

  @Override
  public Optional<byte[]> getSideFile(String key) throws IOException {
    return delegate().getSideFile(key);
  }

  @Override
  public Set<String> listSideFiles(String prefix) throws IOException {
    return delegate().listSideFiles(prefix);
  }

  @Override
  public <T> T read(Oid oid, BodyReader<T> reader) throws IOException {
    return delegate().read(oid, reader);
  }

  @Override
  public <T> T readRange(Oid oid, long offset, long length, BodyReader<T> reader) throws IOException {
    return delegate().readRange(oid, offset, length, reader);
  }

  @Override
  public int defaultJobs() {
    return delegate().defaultJobs();
  }

  @Override
  public synchronized void close() {
    if (opened != null) {
      opened.close();
    }
  }
}
