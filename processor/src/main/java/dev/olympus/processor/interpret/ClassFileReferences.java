package dev.olympus.processor.interpret;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a compiled class's code can reach, read from its class file: every class its constant pool names (the
 * classes of each method, field and constructor it uses, its supertypes, its lambdas' bootstrap methods),
 * and whether it declares a static field that is not final (state shared between calls). Enough to decide,
 * without running it, whether javac may run a helper from a jar: code can only call what its constant pool
 * names.
 *
 * @param classes binary names ({@code java.lang.Math}, {@code lib.Helper$Inner}); array types by element
 * @param mutableStatics whether a static field is not final
 */
record ClassFileReferences(Set<String> classes, boolean mutableStatics) {
  private static final int ACC_STATIC = 0x0008;
  private static final int ACC_FINAL = 0x0010;

  static ClassFileReferences parse(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) throw new IOException("not a class file");
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] classNameIndex = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7 -> classNameIndex[i] = in.readUnsignedShort();
        case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;  // a long or double takes two entries
        }
        case 8, 16, 19, 20 -> in.readUnsignedShort();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    Set<String> classes = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      if (classNameIndex[i] == 0) continue;
      String name = utf8[classNameIndex[i]];
      int dims = 0;
      while (dims < name.length() && name.charAt(dims) == '[') dims++;
      if (dims > 0) {
        if (name.charAt(dims) != 'L') continue;  // an array of a primitive type
        name = name.substring(dims + 1, name.length() - 1);
      }
      classes.add(name.replace('/', '.'));
    }
    in.readUnsignedShort();  // access flags
    in.readUnsignedShort();  // this class
    in.readUnsignedShort();  // super class
    int interfaces = in.readUnsignedShort();
    for (int i = 0; i < interfaces; i++) in.readUnsignedShort();
    boolean mutableStatics = false;
    int fields = in.readUnsignedShort();
    for (int i = 0; i < fields; i++) {
      int flags = in.readUnsignedShort();
      in.readUnsignedShort();
      in.readUnsignedShort();
      mutableStatics |= (flags & ACC_STATIC) != 0 && (flags & ACC_FINAL) == 0;
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        in.readUnsignedShort();
        in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
      }
    }
    return new ClassFileReferences(Set.copyOf(classes), mutableStatics);
  }
}
