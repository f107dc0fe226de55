package io.github.kestimator.spark;

import io.github.kestimator.model.Names;
import io.github.kestimator.spark.ServingSignature.Kind;
import io.github.kestimator.spark.ServingSignature.TensorSpec;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The DataFrame column that feeds one model tensor, checked against a schema: which Spark types may
 * hold it, and how one row's value is read into a batch, its length checked.
 *
 * <p>Integer tensors take {@code array<int>} (a one-value tensor also an int or bigint column);
 * float and double tensors take {@code array<float>}, {@code array<double>}, an ML {@code vector}
 * (what VectorAssembler writes) or, for a one-value tensor, any numeric column. A schema cannot
 * tell an array's length, so that is checked on each row as it is batched.
 */
final class FeedColumn implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How the column's values are held. */
  enum Holder {
    INT_ARRAY,
    FLOAT_ARRAY,
    DOUBLE_ARRAY,
    VECTOR,
    SCALAR
  }

  private final TensorSpec tensor;
  private final String column;
  private final int index;
  private final Holder holder;

  private FeedColumn(TensorSpec tensor, String column, int index, Holder holder) {
    this.tensor = tensor;
    this.column = column;
    this.index = index;
    this.holder = holder;
  }

  /**
   * Finds {@code column} in {@code schema} and checks that it can feed {@code tensor}.
   *
   * @param role what the tensor is to the user, e.g. {@code model input} or {@code label}
   * @param setter how to choose another column, for the message
   * @throws IllegalArgumentException naming the column, what it holds, what the model needs and the
   *     closest column name
   */
  static FeedColumn resolve(
      TensorSpec tensor, String column, StructType schema, String role, String setter) {
    List<String> names = Arrays.asList(schema.fieldNames());
    if (!names.contains(column)) {
      throw new IllegalArgumentException(
          "no column '"
              + column
              + "' for "
              + role
              + " '"
              + tensor.name()
              + "' ("
              + tensor.describe()
              + "); the DataFrame has columns "
              + names
              + Names.didYouMean(column, names)
              + (setter.isEmpty() ? "" : " (choose another column with " + setter + ")"));
    }
    StructField field = schema.apply(column);
    Holder holder = holder(tensor, field.dataType());
    if (holder == null) {
      throw new IllegalArgumentException(
          "column '"
              + column
              + "' for "
              + role
              + " '"
              + tensor.name()
              + "' holds "
              + field.dataType().simpleString()
              + "; the model needs "
              + accepted(tensor)
              + " ("
              + tensor.describe()
              + " per row)"
              + (tensor.kind() == Kind.INT32
                      && field.dataType() instanceof ArrayType a
                      && a.elementType() instanceof NumericType
                  ? "; cast it, e.g. col(\"" + column + "\").cast(\"array<int>\")"
                  : ""));
    }
    return new FeedColumn(tensor, column, schema.fieldIndex(column), holder);
  }

  private static Holder holder(TensorSpec tensor, DataType type) {
    boolean integer = tensor.kind() == Kind.INT32;
    boolean one = tensor.size() == 1;
    if (type instanceof ArrayType a) {
      DataType e = a.elementType();
      if (integer) {
        return e.equals(DataTypes.IntegerType) ? Holder.INT_ARRAY : null;
      }
      return e.equals(DataTypes.FloatType)
          ? Holder.FLOAT_ARRAY
          : e.equals(DataTypes.DoubleType) ? Holder.DOUBLE_ARRAY : null;
    }
    if (!integer && type.equals(SQLDataTypes.VectorType())) {
      return Holder.VECTOR;
    }
    if (one
        && (integer
            ? type.equals(DataTypes.IntegerType)
                || type.equals(DataTypes.LongType)
                || type.equals(DataTypes.ShortType)
                || type.equals(DataTypes.ByteType)
            : type instanceof NumericType)) {
      return Holder.SCALAR;
    }
    return null;
  }

  private static String accepted(TensorSpec tensor) {
    boolean one = tensor.size() == 1;
    return switch (tensor.kind()) {
      case INT32 -> one ? "array<int> or an int column" : "array<int>";
      case FLOAT, DOUBLE ->
          one
              ? "array<float>, array<double>, vector or a numeric column"
              : "array<float>, array<double> or vector";
    };
  }

  TensorSpec tensor() {
    return tensor;
  }

  String column() {
    return column;
  }

  /**
   * Copies row {@code row}'s value into {@code dest} at {@code offset} (ints), checking its length.
   */
  void readInts(Row row, String where, int[] dest, int offset) {
    int size = tensor.size();
    Object v = value(row, where);
    if (holder == Holder.SCALAR) {
      dest[offset] = ((Number) v).intValue();
      return;
    }
    List<Object> list = list(row, where);
    for (int i = 0; i < size; i++) {
      dest[offset + i] = element(list, i, where).intValue();
    }
  }

  /** As {@link #readInts}, for a float tensor. */
  void readFloats(Row row, String where, float[] dest, int offset) {
    read(row, where, (i, v) -> dest[offset + i] = (float) v);
  }

  /** As {@link #readInts}, for a double tensor. */
  void readDoubles(Row row, String where, double[] dest, int offset) {
    read(row, where, (i, v) -> dest[offset + i] = v);
  }

  /** Where a value goes: position {@code i} of the example. */
  @FunctionalInterface
  private interface Sink {
    void put(int i, double v);
  }

  private void read(Row row, String where, Sink sink) {
    int size = tensor.size();
    Object v = value(row, where);
    switch (holder) {
      case SCALAR -> sink.put(0, ((Number) v).doubleValue());
      case VECTOR -> {
        Vector vec = (Vector) v;
        checkLength(vec.size(), where);
        for (int i = 0; i < size; i++) {
          sink.put(i, vec.apply(i));
        }
      }
      default -> {
        List<Object> list = list(row, where);
        for (int i = 0; i < size; i++) {
          sink.put(i, element(list, i, where).doubleValue());
        }
      }
    }
  }

  /** The row's array value, of the input's length. */
  private List<Object> list(Row row, String where) {
    List<Object> list = row.getList(index);
    checkLength(list.size(), where);
    return list;
  }

  private Number element(List<Object> list, int i, String where) {
    Object e = list.get(i);
    if (e == null) {
      throw new IllegalArgumentException(
          "column '" + column + "' holds a null element at index " + i + " " + where);
    }
    return (Number) e;
  }

  private Object value(Row row, String where) {
    Object v = row.get(index);
    if (v == null) {
      throw new IllegalArgumentException(
          "column '"
              + column
              + "' is null "
              + where
              + "; model input '"
              + tensor.name()
              + "' takes "
              + tensor.describe());
    }
    return v;
  }

  private void checkLength(int length, String where) {
    if (length != tensor.size()) {
      throw new IllegalArgumentException(
          "column '"
              + column
              + "' holds "
              + length
              + " values "
              + where
              + "; '"
              + tensor.name()
              + "' takes "
              + tensor.size()
              + " ("
              + tensor.describe()
              + ")");
    }
  }
}
